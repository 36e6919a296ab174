import { useT } from "../../hooks/use-t";
import type { FrameCell } from "./layout";

export interface FrameCellProps {
  readonly cell: FrameCell;
  /** The frame's number, counting from the first since the framing was chosen. */
  readonly number: number | null;
  /** The header in words, when it has been read. */
  readonly note: string | null;
  /** The body length its header declares (for an unfinished frame), if known. */
  readonly declared: number | null;
  readonly headerBytes: number | null;
  /** Decoding stopped at an error: unclaimed bytes will never become a frame. */
  readonly stopped: boolean;
  /** Its grid column: the last, after the chunks (and the reads, for incoming bytes). */
  readonly column: number;
}

/** One decoded frame (or the bytes that are not one yet), on the rows of the chunks its bytes came in. */
export function FrameCellView({ cell, number, note, declared, headerBytes, stopped, column }: FrameCellProps) {
  const t = useT();
  const style = { gridColumn: column, gridRow: `${cell.row} / span ${cell.rows}` };
  const inChunks = t(cell.chunks === 1 ? "framing.oneChunk" : "framing.nChunks", { n: cell.chunks });

  if (!cell.frame) {
    const have = cell.to - cell.from;
    const label = stopped
      ? t("framing.undecoded", { n: have })
      : declared !== null && headerBytes !== null
        ? t("framing.unfinishedOf", { n: have, of: declared + headerBytes })
        : t("framing.unfinished", { n: have });
    return (
      <li className={`frame-cell ${stopped ? "undecoded" : "unfinished"}`} style={style} aria-label={`${label}, ${inChunks}`}>
        <div className="cell-title">{label}</div>
        {note && <div className="header-note mono">{note}</div>}
      </li>
    );
  }

  const tone = (cell.index ?? 0) % 2 === 0 ? "a" : "b";
  const title = t("framing.frameTitle", { n: number ?? 0, len: cell.frame.len });
  return (
    <li className={`frame-cell frame-${tone}${cell.chunks > 1 ? " spans" : ""}`} style={style} aria-label={`${title}, ${inChunks}`}>
      <div className="cell-title">
        <span className="frame-no">#{number}</span> <span className="mono num">{cell.frame.len} B</span>
        <span className={`chunk-count${cell.chunks > 1 ? " many" : ""}`}>{inChunks}</span>
        {cell.clipped && <span className="muted"> · {t("framing.clipped")}</span>}
      </div>
      <div className="preview mono">{cell.frame.preview || "b''"}</div>
      {note && <div className="header-note mono">{note}</div>}
    </li>
  );
}
