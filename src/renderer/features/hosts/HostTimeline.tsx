import { useEffect, useId, useMemo, useRef, useState } from "react";
import { HOSTS_LIMITS, LOCAL_HOST, type HostLogRow } from "../../../shared/hosts";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { isSentDatagram } from "../../model/hosts/roll-call";
import { rowTime, uncertaintyMs } from "../../model/hosts/timeline";
import { compile } from "../log/filter/compile";
import { ExpressionProblem } from "../log/filter/ExpressionProblem";
import { parseFilter } from "../log/filter/parser";
import { dirArrow, route } from "../log/table/columns";
import { HostSequence } from "./HostSequence";
import { HostStreams } from "./HostStreams";
import { timelineColumns } from "./timeline-filter";

const VIEWS = ["table", "sequence", "stream"] as const;
const VIEW_LABELS = { table: "hosts.timeline.asTable", sequence: "hosts.timeline.asSequence", stream: "hosts.timeline.asStream" } as const;

/** Rows drawn at once: the newest; the page keeps more (PAGE_ROWS) for the filter to find. */
const SHOWN = 400;

function Row({ row, picked }: { row: HostLogRow; picked: boolean }) {
  const t = useT();
  const pick = useLabStore((s) => s.pickHostRow);
  const time = rowTime(row.t);
  const title = row.host === LOCAL_HOST ? undefined : t("hosts.time.title", { time, uncertainty: uncertaintyMs(row.uncertainty), host: row.host, hostTime: rowTime(row.hostT) });
  return (
    <tr className={`kind-${row.kind}${row.dir ? ` dir-${row.dir}` : ""}${picked ? " picked" : ""}`} data-host={row.host} data-kind={row.kind}>
      <td className="num mono" title={title}>
        {time}
        {row.host !== LOCAL_HOST && <span className="hosts-uncertainty"> ±{uncertaintyMs(row.uncertainty)}</span>}
      </td>
      <td className="mono host-name">{row.host}</td>
      <td className="num mono">{row.fd >= 0 ? row.fd : ""}</td>
      <td className="dir" title={row.dir ? t(row.dir === "in" ? "log.dir.in" : "log.dir.out") : undefined}>
        {dirArrow(row.dir)}
      </td>
      <td className="kind">
        <span className="kind-label">{t(`log.kind.${row.kind}`)}</span>
      </td>
      <td className="mono route" title={route(row.src, row.dst)}>
        {row.ifname && row.dir === "in" && <span className="ifname">{row.ifname}</span>}
        {route(row.src, row.dst)}
      </td>
      <td className="num mono">{row.len ?? ""}</td>
      <td className="mono preview" title={row.text}>
        {isSentDatagram(row) && (
          <button type="button" className="rc-ask" aria-pressed={picked} aria-label={t("rc.ask.label", { fd: row.fd, host: row.host, dst: row.dst ?? "" })} onClick={() => pick(picked ? null : row.i)}>
            {t("rc.ask")}
          </button>
        )}
        {row.text}
      </td>
    </tr>
  );
}

/** Every host's log rows in the order of the console's clock, each remote time with its uncertainty. */
export function HostTimeline() {
  const t = useT();
  const rows = useLabStore((s) => s.hostRows);
  const hosts = useLabStore((s) => s.hosts);
  const dropped = useLabStore((s) => s.hostRowsDropped);
  const filter = useLabStore((s) => s.hostFilter);
  const picked = useLabStore((s) => s.hostPicked);
  const expression = useLabStore((s) => s.hostExpression);
  const setExpression = useLabStore((s) => s.setHostExpression);
  const expressionId = useId();
  const parsed = useMemo(() => parseFilter(expression), [expression]);
  const setFilter = useLabStore((s) => s.setHostFilter);
  const filterId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [as, setAs] = useState<(typeof VIEWS)[number]>("table");
  // Rows come in the order the console received them; a person reads them in the order they happened.
  const ordered = useMemo(() => rows.toSorted((a, b) => a.t - b.t || a.i - b.i), [rows]);
  const matching = useMemo(() => {
    const ofHost = filter === null ? ordered : ordered.filter((r) => r.host === filter);
    if (!parsed.ok || !parsed.expr) return ofHost;
    const test = compile(parsed.expr);
    const columns = timelineColumns(ofHost);
    return ofHost.filter((_, i) => test(columns, i));
  }, [ordered, filter, parsed]);
  const shown = matching.slice(-SHOWN);

  useEffect(() => {
    const el = scroller.current;
    // Follows the newest row unless the person scrolled up to read.
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [shown]);

  return (
    <section className="hosts-card hosts-timeline" aria-label={t("hosts.timeline")}>
      <div className="hosts-timeline-head">
        <h3 className="panel-title">{t("hosts.timeline")}</h3>
        {as !== "stream" && (
          <>
            <label htmlFor={filterId}>
              {t("hosts.timeline.filter")}{" "}
              <select id={filterId} value={filter ?? ""} onChange={(e) => setFilter(e.target.value === "" ? null : e.target.value)}>
                <option value="">{t("hosts.timeline.all")}</option>
                <option value={LOCAL_HOST}>{LOCAL_HOST}</option>
                {hosts.map((h) => (
                  <option key={h.name} value={h.name}>
                    {h.name}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={expressionId} className="hosts-expression">
              {t("log.filter.expression")}
              <input
                id={expressionId}
                className="mono"
                value={expression}
                spellCheck={false}
                placeholder='host == "b" && kind == broadcast'
                title={t("log.filter.help")}
                aria-invalid={!parsed.ok}
                aria-describedby={parsed.ok ? undefined : `${expressionId}-problem`}
                onChange={(e) => setExpression(e.target.value)}
              />
            </label>
          </>
        )}
        <span className="hosts-view-as" role="group" aria-label={t("hosts.timeline.as")}>
          {VIEWS.map((view) => (
            <button key={view} type="button" aria-pressed={as === view} onClick={() => setAs(view)}>
              {t(VIEW_LABELS[view])}
            </button>
          ))}
        </span>
        {as === "table" && matching.length > shown.length && <span className="muted">{t("hosts.timeline.shown", { shown: shown.length, n: matching.length })}</span>}
      </div>
      {as !== "stream" && !parsed.ok && <ExpressionProblem text={expression} problem={parsed.problem} id={`${expressionId}-problem`} />}
      {dropped > 0 && (
        <p className="hosts-dropped" role="status">
          {t("hosts.timeline.dropped", { count: dropped, kept: HOSTS_LIMITS.kept })}
        </p>
      )}
      {as === "sequence" && <HostSequence rows={matching} />}
      {/* A connection's two ends are on two hosts: the stream reads every row; its picker is the filter. */}
      {as === "stream" && <HostStreams rows={ordered} />}
      {as === "table" && (
        <div className="hosts-timeline-scroll" ref={scroller} tabIndex={0} aria-label={t("hosts.timeline")}>
          {shown.length === 0 ? (
            <p className="empty">{t("hosts.timeline.empty")}</p>
          ) : (
            <table className="data-table hosts-table hosts-log">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("hosts.col.time")}
                  </th>
                  <th scope="col">{t("hosts.col.host")}</th>
                  <th scope="col" className="num">
                    {t("hosts.col.fd")}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t("log.filter.dir")}</span>
                  </th>
                  <th scope="col">{t("hosts.col.kind")}</th>
                  <th scope="col">{t("hosts.col.route")}</th>
                  <th scope="col" className="num">
                    {t("hosts.col.len")}
                  </th>
                  <th scope="col">{t("hosts.col.data")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <Row key={r.i} row={r} picked={r.i === picked} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
