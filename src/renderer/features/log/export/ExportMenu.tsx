import { useState } from "react";
import { Popover } from "../../../components/Popover";
import { useT } from "../../../hooks/use-t";
import type { ViewSnapshot } from "../view/live-view";
import { exportParts, type ExportFormat } from "./export-log";
import { useDownload } from "../../scenario/use-download";

const TYPES: Record<ExportFormat, string> = { ndjson: "application/x-ndjson", csv: "text/csv" };

type Scope = "all" | "filtered";

/** Downloads the log, or the rows the filter shows, as NDJSON or CSV. */
export function ExportMenu({ snapshot, onDone }: { snapshot: ViewSnapshot; onDone: () => void }) {
  const t = useT();
  const { ring, view, length, filter } = snapshot;
  const filtered = filter.test !== null;
  const [scope, setScope] = useState<Scope>(filtered ? "filtered" : "all");
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = useDownload();

  async function run(format: ExportFormat): Promise<void> {
    // Fix the rows now: the log keeps moving while the file is built.
    const rows = scope === "filtered" && filtered ? Float64Array.from({ length }, (_, i) => view.at(i)) : null;
    const start = ring.start;
    const count = rows ? rows.length : ring.size;
    setBusy(true);
    const { parts, written, skipped } = await exportParts(
      format,
      count,
      (i) => {
        const abs = rows ? rows[i]! : start + i;
        return ring.has(abs) ? ring.entry(abs) : null;
      },
      ring.t0,
      (done) => setStatus(t("log.export.working", { done, count })),
    );
    download(`socket-lab-log.${format}`, parts, TYPES[format]);
    setBusy(false);
    setStatus(skipped > 0 ? t("log.export.skipped", { count: written, m: skipped }) : t("log.export.done", { count: written, format }));
  }

  return (
    <Popover title={t("log.export.title")} className="log-popover" onDone={onDone}>
      <fieldset className="radio-list">
        <legend>{t("log.export.scope")}</legend>
        <label>
          <input type="radio" name="export-scope" checked={scope === "all"} onChange={() => setScope("all")} />
          {t("log.export.all", { count: ring.size })}
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === "filtered"} disabled={!filtered} onChange={() => setScope("filtered")} />
          {filtered ? t("log.export.filtered", { count: length }) : t("log.export.noFilter")}
        </label>
      </fieldset>
      <p className="popover-note">{t("log.export.note")}</p>
      <p className="popover-note" role="status">
        {status ?? ""}
      </p>
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t("log.close")}
        </button>
        <button type="button" disabled={busy} onClick={() => void run("csv")}>
          {t("log.export.csv")}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void run("ndjson")}>
          {t("log.export.ndjson")}
        </button>
      </div>
    </Popover>
  );
}
