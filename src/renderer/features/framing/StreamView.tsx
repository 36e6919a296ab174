import type { Direction } from "../../../shared/events";
import { useT } from "../../hooks/use-t";
import { ChunkCellView } from "./ChunkCellView";
import { FrameCellView } from "./FrameCellView";
import { FramingErrorBox } from "./FramingErrorBox";
import { declaredLength, headerNote, headerSize } from "./header-text";
import { layoutStream } from "./layout";
import { ReadCellView } from "./ReadCellView";
import type { FramingView } from "../../model/framing/stream-fold";
import { bytesFrom, chunksFor, useChunkBytes } from "./use-chunk-bytes";

/** The grid shows the latest chunks; the view keeps a few hundred. */
const SHOWN_CHUNKS = 60;

/** Tall enough for a chunk's title, bar and preview, so a frame boundary never runs through its text. */
const ROW_HEIGHT = 66;

/** Header notes for the latest cells only: each may need a chunk's bytes from the Lab. */
const NOTED_CELLS = 10;

/**
 * Chunks as the Lab logged them (left), for incoming bytes what each recv()
 * returned (middle: the boundaries the program sees), and the frames decoded
 * from them (right), on shared rows, with a line across wherever a frame
 * ends. `queued` is how many bytes the receive queue holds now.
 */
export function StreamView({ view, dir, queued }: { view: FramingView; dir: Direction; queued: number }) {
  const t = useT();
  const stream = view[dir];
  const incoming = dir === "in";
  const layout = layoutStream(stream.chunks.slice(-SHOWN_CHUNKS), stream.frames, incoming ? { reads: stream.reads, queued } : null);
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
          <div className={`stream-heads${incoming ? " three" : ""}`} aria-hidden>
            <span>{t(incoming ? "framing.chunksHeadIn" : "framing.chunksHeadOut")}</span>
            {incoming && <span>{t("framing.readsHead")}</span>}
            <span>{t("framing.framesHead")}</span>
          </div>
          <p className="muted small stream-legend">{t(incoming ? "framing.legendIn" : "framing.legendOut")}</p>
          {stream.droppedChunks + Math.max(0, stream.chunks.length - SHOWN_CHUNKS) > 0 && <p className="muted small">{t("framing.earlier")}</p>}
          <div className={`stream-grid${incoming ? " three" : ""}`} style={{ gridTemplateRows: `repeat(${layout.rows}, minmax(${ROW_HEIGHT}px, auto))` }}>
            <ul className="cells" aria-label={t(incoming ? "framing.chunksHeadIn" : "framing.chunksHeadOut")}>
              {layout.chunks.map((cell) => (
                <ChunkCellView key={cell.chunk.seq} cell={cell} />
              ))}
            </ul>
            {incoming && (
              <ul className="cells" aria-label={t("framing.readsHead")}>
                {layout.reads.map((cell) => (
                  <ReadCellView key={`${cell.from}:${cell.read?.seq ?? (cell.queued ? "queued" : "other")}`} cell={cell} />
                ))}
              </ul>
            )}
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
                    column={incoming ? 3 : 2}
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
          {incoming && stream.endRead !== null && <p className="stream-end">{t("framing.endRead")}</p>}
          {incoming && stream.peeks > 0 && <p className="muted small">{t("framing.peeks", { n: stream.peeks })}</p>}
        </>
      )}
    </div>
  );
}
