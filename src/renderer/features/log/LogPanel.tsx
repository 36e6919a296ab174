import type { Address } from "../../../shared/socket-model";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import type { LogEntry } from "../../store/log-slice";

/** Rows drawn at once; the full log view (virtualized, filtered) replaces this. */
const VISIBLE_ROWS = 200;

function route(src: Address | null, dst: Address | null): string {
  const f = (a: Address) => `${a[0]}:${a[1]}`;
  if (src && dst) return `${f(src)} → ${f(dst)}`;
  if (src) return f(src);
  return dst ? `→ ${f(dst)}` : "";
}

function time(us: number): string {
  return `+${(us / 1000).toFixed(3)} ms`;
}

function Row({ entry }: { entry: LogEntry }) {
  const t = useT();
  return (
    <tr className={`kind-${entry.kind}${entry.dir ? ` dir-${entry.dir}` : ""}`}>
      <td className="num mono">{entry.seq}</td>
      <td className="num mono">{time(entry.t)}</td>
      <td className="num mono">{entry.fd >= 0 ? entry.fd : ""}</td>
      <td className="dir">{entry.dir === "in" ? "←" : entry.dir === "out" ? "→" : ""}</td>
      <td>{t(`kind.${entry.kind}`)}</td>
      <td className="mono">{route(entry.src, entry.dst)}</td>
      <td className="num mono">{entry.len ?? ""}</td>
      <td className="mono preview">{entry.text}</td>
    </tr>
  );
}

export function LogPanel() {
  const t = useT();
  const log = useLabStore((s) => s.log);
  const dropped = useLabStore((s) => s.logDropped);
  const clear = useLabStore((s) => s.clearLog);
  const rows = log.slice(-VISIBLE_ROWS).reverse();

  return (
    <section className="panel log" aria-label={t("log.title")}>
      <header className="log-head">
        <h2 className="panel-title">{t("log.title")}</h2>
        {dropped > 0 && <span className="dropped">{t("log.dropped", { n: dropped })}</span>}
        <button type="button" onClick={clear}>
          {t("log.clear")}
        </button>
      </header>
      {log.length === 0 ? (
        <p className="empty">{t("log.empty")}</p>
      ) : (
        <div className="log-scroll">
          <table>
            <thead>
              <tr>
                <th className="num">{t("log.col.seq")}</th>
                <th className="num">{t("log.col.time")}</th>
                <th className="num">{t("log.col.fd")}</th>
                <th>{t("log.col.dir")}</th>
                <th>{t("log.col.kind")}</th>
                <th>{t("log.col.route")}</th>
                <th className="num">{t("log.col.len")}</th>
                <th>{t("log.col.preview")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <Row key={entry.seq} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
