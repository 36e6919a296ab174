import { useT } from "../../../hooks/use-t";
import type { LogEntry } from "../../../../shared/log-entry";
import { arrivalText, castOfKind } from "../arrival";
import { dirArrow, relativeTime, route } from "../table/columns";

/** The row's fields as a definition list, for reading without the table's columns. */
export function EntrySummary({ entry, t0 }: { entry: LogEntry; t0: number }) {
  const t = useT();
  const arrived = entry.dir === "in" && entry.ifname ? arrivalText(t, entry.dst, castOfKind(entry.kind), entry.ifname) : null;
  return (
    <dl className={`entry-summary kind-${entry.kind}${entry.dir ? ` dir-${entry.dir}` : ""}`}>
      <div>
        <dt>{t("log.col.seq")}</dt>
        <dd className="mono">{entry.seq}</dd>
      </div>
      <div>
        <dt>{t("log.table.time")}</dt>
        <dd className="mono">{relativeTime(entry.t, t0)}</dd>
      </div>
      <div>
        <dt>{t("log.col.fd")}</dt>
        <dd className="mono">{entry.fd >= 0 ? entry.fd : "—"}</dd>
      </div>
      <div>
        <dt>{t("log.col.kind")}</dt>
        <dd>
          {dirArrow(entry.dir)} {t(`log.kind.${entry.kind}`)}
        </dd>
      </div>
      {(entry.src || entry.dst) && (
        <div className="wide">
          <dt>{t("log.col.route")}</dt>
          <dd className="mono">{route(entry.src, entry.dst)}</dd>
        </div>
      )}
      {arrived && (
        <div className="wide">
          <dt>{t("arrival.label")}</dt>
          <dd className="mono">{arrived}</dd>
        </div>
      )}
      {entry.len !== null && (
        <div>
          <dt>{t("log.col.len")}</dt>
          <dd className="mono">{entry.len}</dd>
        </div>
      )}
      {entry.text && (
        <div className="wide">
          <dt>{t("log.col.preview")}</dt>
          <dd className="mono preview-text">{entry.text}</dd>
        </div>
      )}
    </dl>
  );
}
