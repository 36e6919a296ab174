import type { Direction } from "../../../shared/events";
import { useT } from "../../i18n";
import { ChunkCellView } from "./ChunkCellView";
import { FrameCellView } from "./FrameCellView";
import { FramingErrorBox } from "./FramingErrorBox";
import { declaredLength, headerNote, headerSize } from "./header-text";
import { layoutStream } from "./layout";
import type { FramingView } from "./stream-fold";
import { bytesFrom, chunksFor, useChunkBytes } from "./use-chunk-bytes";

/** The grid shows the latest chunks; the view keeps a few hundred. */
const SHOWN_CHUNKS = 60;

/** Tall enough for a chunk's title, bar and preview, so a frame boundary never runs through its text. */
const ROW_HEIGHT = 66;

/** Header notes for the latest cells only: each may need a chunk's bytes from the Lab. */
const NOTED_CELLS = 10;

/**
 * Chunks as TCP delivered them (left) beside the frames decoded from them
 * (right), on shared rows, with a line across both wherever a frame ends.
 */
export function StreamView({ view, dir }: { view: FramingView; dir: Direction }) {
  const t = useT();
  const stream = view[dir];
  const layout = layoutStream(stream.chunks.slice(-SHOWN_CHUNKS), stream.frames);
  const noted = view.config.kind === "delimiter" ? [] : layout.frames.slice(-NOTED_CELLS);
  const bytes = useChunkBytes(noted.flatMap((cell) => chunksFor(layout, cell.from)));
  const headerAt = (from: number) => (noted.some((cell) => cell.from === from) ? bytesFrom(layout, bytes, from) : null);
  const stopped = stream.error !== null;
  const gap = layout.frames.findLast((cell) => cell.frame === null);
  const firstShown = stream.droppedFrames + 1;

  return (
    <div className={`stream-view${stopped ? " stopped" : ""}`}>
      {stream.error && <FramingErrorBox error={stream.error.error} config={view.config} header={gap ? headerAt(gap.from) : null} />}
      {layout.rows === 0 ? (
        <p className="muted">{t(dir === "in" ? "framing.nothingIn" : "framing.nothingOut")}</p>
      ) : (
        <>
          <div className="stream-heads" aria-hidden>
            <span>{t("framing.chunksHead")}</span>
            <span>{t("framing.framesHead")}</span>
          </div>
          {stream.droppedChunks + Math.max(0, stream.chunks.length - SHOWN_CHUNKS) > 0 && <p className="muted small">{t("framing.earlier")}</p>}
          <div className="stream-grid" style={{ gridTemplateRows: `repeat(${layout.rows}, minmax(${ROW_HEIGHT}px, auto))` }}>
            <ul className="cells" aria-label={t("framing.chunksHead")}>
              {layout.chunks.map((cell) => (
                <ChunkCellView key={cell.chunk.seq} cell={cell} />
              ))}
            </ul>
            <ul className="cells" aria-label={t("framing.framesHead")}>
              {layout.frames.map((cell) => {
                const header = headerAt(cell.from);
                return (
                  <FrameCellView
                    key={`${cell.from}:${cell.frame?.seq ?? "gap"}`}
                    cell={cell}
                    number={cell.index === null ? null : firstShown + cell.index}
                    note={view.config.kind === "delimiter" && cell.frame ? null : headerNote(view.config, header, t)}
                    declared={declaredLength(view.config, header)}
                    headerBytes={headerSize(view.config, header)}
                    stopped={stopped}
                  />
                );
              })}
            </ul>
            <div className="boundaries" aria-hidden>
              {layout.frames
                .filter((cell) => cell.frame !== null)
                .map((cell) => (
                  <div key={cell.from} className="boundary" style={{ gridColumn: "1 / -1", gridRow: `${cell.row + cell.rows - 1}` }} />
                ))}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
