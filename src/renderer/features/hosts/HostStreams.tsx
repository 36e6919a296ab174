import { useId, useMemo, useState } from "react";
import type { HostLogRow } from "../../../shared/hosts";
import type { Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { conversation, hostConnections, type HostConnection, type StreamEnd, type StreamItem } from "../../model/hosts/streams";
import { rowTime, uncertaintyMs } from "../../model/hosts/timeline";
import { fromHex } from "../../../shared/bytes";
import { useLabClient } from "../../store/context";
import { asText } from "../log/detail/bytes-format";
import { useFetchedBytes } from "../log/stream/use-stream-bytes";
import { useHostCall } from "./use-host-call";
import "../log/stream/stream.css";

/** Items drawn at once: the newest. */
const SHOWN = 400;

const endName = (e: StreamEnd): string => `${e.host} fd ${e.fd}`;

function label(t: Translate, c: HostConnection): string {
  const [first, second] = c.ends;
  if (!first) return c.key;
  const near = `${endName(first)} ${first.local}`;
  return second ? `${near} ⇄ ${endName(second)} ${second.local}` : `${near} ⇄ ${first.remote} (${t("hosts.seq.outside")})`;
}

/** How long after the send its last byte was received, with the two clocks' uncertainty (which may be the larger). */
function heardText(t: Translate, sent: HostLogRow, heard: HostLogRow): string {
  const delayUs = heard.t - sent.t;
  const boundUs = heard.uncertainty + sent.uncertainty;
  const at = { host: heard.host, what: t(heard.kind === "fin" ? "hosts.stream.theFin" : "hosts.stream.lastByte"), time: rowTime(heard.t), uncertainty: uncertaintyMs(boundUs) };
  if (delayUs > boundUs) return t("hosts.stream.heard", { ...at, delay: (delayUs / 1000).toFixed(1) });
  if (delayUs >= -boundUs) return t("hosts.stream.heardWithin", at);
  return t("hosts.stream.heardEarly", { ...at, early: (-delayUs / 1000).toFixed(1) });
}

function Item({ item, first, together, full }: { item: StreamItem; first: StreamEnd; together: boolean; full: Uint8Array | null | undefined }) {
  const t = useT();
  const { row } = item;
  if (item.type === "mark") {
    const cls = row.kind === "rst" ? "rst" : "muted";
    return (
      <div className={`stream-mark ${cls}`} role="note" data-host={row.host}>
        {row.kind === "rst" ? "── RST · " : ""}
        {endName(item.at)} · {t(`log.kind.${row.kind}`)}
        {row.text ? ` · ${row.text}` : ""}
        {row.kind === "rst" ? " ──" : ""}
      </div>
    );
  }
  const from = item.type === "sent" ? item.from : null;
  // The first end's bytes on the right, as "this side" in the log's follow stream.
  const dir = from !== null && from.host === first.host && from.fd === first.fd ? "out" : "in";
  if (item.type === "sent" && row.kind === "fin") {
    return (
      <div className={`stream-mark fin dir-${dir}`} role="note" data-host={row.host}>
        ── FIN · {t("hosts.stream.fin", { who: endName(item.from), time: rowTime(row.t) })}
        {item.heard ? ` · ${heardText(t, row, item.heard)}` : ` · ${t("hosts.stream.notHeard")}`} ──
      </div>
    );
  }
  const head =
    item.type === "sent"
      ? `${dir === "in" ? "←" : "→"} ${endName(item.from)} → ${item.to ? endName(item.to) : item.from.remote} · ${row.len ?? 0} B · ${t("hosts.stream.sent", { time: rowTime(row.t) })}`
      : `← ${item.at.remote} → ${endName(item.at)} · ${row.len ?? 0} B · ${t("hosts.stream.arrived", { time: rowTime(row.t) })}`;
  return (
    <div className={`chunk dir-${dir}`} data-host={row.host}>
      <span className="chunk-head mono">
        {head}
        {item.type === "sent" && (
          <>
            <br />
            {item.heard ? heardText(t, row, item.heard) : item.to ? t("hosts.stream.notHeard") : ""}
            {together && ` · ${t("hosts.stream.together")}`}
          </>
        )}
      </span>
      {full === null && <span className="chunk-head mono">{t("log.stream.previewOnly")}</span>}
      <span className="chunk-text mono">{full ? asText(full, "utf-8") : row.text}</span>
    </div>
  );
}

/**
 * A TCP connection across hosts as one conversation: each end's bytes as
 * its host sent them, and when (on the console's clock) the peer's host
 * received them; bytes that arrived in one recv() are said to. The full
 * bytes are fetched from the host that logged them (`payload` through
 * `hosts_call`); the preview stands in until then, or once a host's log has
 * let them go.
 */
export function HostStreams({ rows }: { rows: readonly HostLogRow[] }) {
  const t = useT();
  const pickId = useId();
  const connections = useMemo(() => hostConnections(rows), [rows]);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = connections.find((c) => c.key === chosen) ?? connections[0] ?? null;
  const items = useMemo(() => (current ? conversation(rows, current) : []), [rows, current]);
  const shown = items.slice(-SHOWN);
  // The full bytes stay on each host: fetched from it, as the log's stream fetches this Lab's.
  const call = useHostCall();
  const chunks = new Map(shown.filter((item) => item.type !== "mark" && item.row.kind === "data").map((item) => [item.row.i, item.row]));
  const bytes = useFetchedBytes(
    [...chunks.keys()],
    async (i) => {
      const row = chunks.get(i)!;
      const reply = await call(row.host, "payload", { seq: row.seq });
      return reply.ok ? fromHex(reply.result.hex) : null;
    },
    useLabClient(),
  );
  if (!current) return <p className="muted view-empty">{t("hosts.stream.none")}</p>;
  const first = current.ends[0]!;
  const lastHeard = new Map<string, number>();
  return (
    <div className="follow-stream">
      <div className="view-bar">
        <label htmlFor={pickId}>{t("log.stream.pick")}</label>
        <select id={pickId} value={current.key} onChange={(e) => setChosen(e.target.value)}>
          {connections.map((c) => (
            <option key={c.key} value={c.key}>
              {label(t, c)}
            </option>
          ))}
        </select>
        {items.length > shown.length && <span className="muted">{t("log.stream.partial", { shown: shown.length, n: items.length })}</span>}
      </div>
      <div className="stream-body" role="log" aria-label={t("log.stream.label", { name: label(t, current) })} tabIndex={0}>
        {shown.map((item) => {
          let together = false;
          if (item.type === "sent" && item.row.kind === "data" && item.heard) {
            const key = `${item.from.host} ${item.from.fd}`;
            together = lastHeard.get(key) === item.heard.i;
            lastHeard.set(key, item.heard.i);
          }
          return <Item key={item.row.i} item={item} first={first} together={together} full={bytes.get(item.row.i)} />;
        })}
      </div>
    </div>
  );
}
