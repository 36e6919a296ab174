import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import type { LogRing } from "../../../store/log-ring";
import { pyName } from "../../console/python";
import { asText } from "../detail/bytes-format";
import type { Connection } from "./connections";
import { useStreamBytes, type StreamBytes } from "./use-stream-bytes";
import { useStreamIndex } from "./use-stream-index";
import "./stream.css";

/** Chunks drawn at once; older ones stay in the list view. */
const SHOWN = 400;

/**
 * One TCP connection as a conversation: both directions interleaved in
 * order, each in its direction's colour, with FIN and RST marked where they
 * happened. Full bytes come from the Lab; where it has dropped them the
 * preview stands in, and says so.
 */
export function FollowStream() {
  const t = useT();
  const ring = useLabStore((s) => s.log);
  const chosen = useLabStore((s) => s.logStream);
  const follow = useLabStore((s) => s.followLogStream);
  const { index } = useStreamIndex();
  const connections = [...index.connections.values()].sort((a, b) => b.lastSeq - a.lastSeq);
  const current = (chosen && index.connections.get(chosen)) || connections[0] || null;

  if (!current) return <p className="muted view-empty">{t("log.stream.none")}</p>;
  const rows = index.rowsOf(current.key, ring);
  const shown = rows.slice(-SHOWN);
  return (
    <div className="follow-stream">
      <div className="view-bar">
        <label>
          {t("log.stream.pick")}
          <select aria-label={t("log.stream.pick")} value={current.key} onChange={(e) => follow(e.target.value)}>
            {connections.map((c) => (
              <option key={c.key} value={c.key}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        <span className="stream-totals mono">
          <span className="dir-out">→ {current.bytesOut} B</span> <span className="dir-in">← {current.bytesIn} B</span>
        </span>
        {rows.length > shown.length && <span className="muted">{t("log.stream.partial", { shown: shown.length, n: rows.length })}</span>}
      </div>
      <StreamBody ring={ring} rows={shown} connection={current} />
    </div>
  );
}

function label(c: Connection): string {
  return `${pyName(c.fd)} (fd ${c.fd})  ${c.local} ⇄ ${c.remote}`;
}

function StreamBody({ ring, rows, connection }: { ring: LogRing; rows: readonly number[]; connection: Connection }) {
  const t = useT();
  const select = useLabStore((s) => s.selectLogEntry);
  const data = rows.filter((abs) => ring.kind(abs) === "data");
  const bytes: StreamBytes = useStreamBytes(data.map((abs) => ({ seq: ring.seq(abs), payloadsAfter: ring.payloadsAfter(abs) })));
  return (
    <div className="stream-body" role="log" aria-label={t("log.stream.label", { name: label(connection) })} tabIndex={0}>
      {rows.map((abs) => {
        const seq = ring.seq(abs);
        const kind = ring.kind(abs);
        const dir = ring.dir(abs);
        const who = dir === "in" ? connection.remote : connection.local;
        if (kind === "data") {
          const full = bytes.get(seq);
          return (
            <div key={seq} className={`chunk dir-${dir}`}>
              <span className="chunk-head mono">
                {dir === "in" ? "←" : "→"}{" "}
                <button type="button" className="link" onClick={() => select(seq)} aria-label={t("log.stream.show", { seq })}>
                  #{seq}
                </button>{" "}
                · {ring.len(abs)} B{full === null ? ` · ${t("log.stream.previewOnly")}` : ""}
              </span>
              <span className="chunk-text mono">{full ? asText(full, "utf-8") : ring.text(abs)}</span>
            </div>
          );
        }
        if (kind === "fin")
          return (
            <div key={seq} className={`stream-mark fin dir-${dir}`} role="note">
              ── FIN · {t(dir === "in" ? "log.stream.finIn" : "log.stream.finOut", { who })} ──
            </div>
          );
        if (kind === "rst")
          return (
            <div key={seq} className="stream-mark rst" role="note">
              ── RST · {ring.text(abs)} ──
            </div>
          );
        return (
          <div key={seq} className="stream-mark muted">
            {t(`log.kind.${kind}`)} · {ring.text(abs)}
          </div>
        );
      })}
    </div>
  );
}
