import { useT } from "../../hooks/use-t";
import type { ReadCell } from "./layout";

/** What one recv() returned, on the rows of the chunks its bytes came in; or bytes no recv() shown here took. */
export function ReadCellView({ cell }: { cell: ReadCell }) {
  const t = useT();
  const style = { gridColumn: 2, gridRow: `${cell.row} / span ${cell.rows}` };
  const inChunks = t(cell.chunks === 1 ? "framing.oneChunk" : "framing.nChunks", { n: cell.chunks });

  if (!cell.read) {
    const label = t(cell.queued ? "framing.queued" : "framing.takenOtherwise", { n: cell.to - cell.from });
    return (
      <li className={`read-cell ${cell.queued ? "queued" : "other"}`} style={style} aria-label={label}>
        <div className="cell-title">{label}</div>
      </li>
    );
  }

  const title = t("framing.readTitle", { op: cell.read.op, len: cell.read.len });
  return (
    <li className={`read-cell${cell.chunks > 1 ? " spans" : ""}`} style={style} aria-label={`${title}, ${inChunks}`}>
      <div className="cell-title">
        <span className="mono">{cell.read.op}()</span> <span className="mono num">{cell.read.len} B</span>
        <span className={`chunk-count${cell.chunks > 1 ? " many" : ""}`}>{inChunks}</span>
        {cell.clipped && <span className="muted"> · {t("framing.clipped")}</span>}
      </div>
      <div className="preview mono">{cell.read.preview}</div>
    </li>
  );
}
