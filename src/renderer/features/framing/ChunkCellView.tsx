import { useT } from "../../hooks/use-t";
import type { ChunkCell } from "./layout";

/** One data event as TCP delivered it, with a bar that shows which frames its bytes belong to. */
export function ChunkCellView({ cell }: { cell: ChunkCell }) {
  const t = useT();
  const label = t("framing.chunkTitle", { len: cell.chunk.len, seq: cell.chunk.seq });
  return (
    <li className="chunk-cell" style={{ gridColumn: 1, gridRow: `${cell.row} / span ${cell.rows}` }} aria-label={label}>
      <div className="cell-title">
        <span className="mono num">{cell.chunk.len} B</span> <span className="muted mono">#{cell.chunk.seq}</span>
      </div>
      <div className="byte-bar" aria-hidden>
        {cell.parts.map((part, i) => (
          <span key={i} className={part.frame === null ? "part none" : `part frame-${part.frame % 2 === 0 ? "a" : "b"}`} style={{ flexGrow: part.bytes }} />
        ))}
      </div>
      <div className="preview mono">{cell.chunk.preview}</div>
    </li>
  );
}
