import type { StreamChunk, StreamFrame } from "./stream-fold";

/** A run of a chunk's bytes that belongs to one frame (index into the frames), or to none yet (null). */
export interface ChunkPart {
  readonly frame: number | null;
  readonly bytes: number;
}

export interface ChunkCell {
  readonly chunk: StreamChunk;
  /** First grid row (from 1) and how many rows it spans. */
  readonly row: number;
  readonly rows: number;
  readonly parts: readonly ChunkPart[];
}

export interface FrameCell {
  /** The frame, or null for bytes no frame has claimed (an unfinished frame, or bytes after a framing error). */
  readonly frame: StreamFrame | null;
  /** Index into the frames given (null for unclaimed bytes). */
  readonly index: number | null;
  readonly row: number;
  readonly rows: number;
  /** Stream offsets [from, to) of its bytes on the wire, header included. */
  readonly from: number;
  readonly to: number;
  /** How many chunks its bytes arrived in. */
  readonly chunks: number;
  /** It began in a chunk that is no longer shown. */
  readonly clipped: boolean;
}

export interface StreamLayout {
  readonly rows: number;
  readonly chunks: readonly ChunkCell[];
  readonly frames: readonly FrameCell[];
  /** Stream offset where each shown chunk starts, by seq. */
  readonly chunkStart: ReadonlyMap<number, number>;
  readonly total: number;
}

interface Span {
  readonly frame: StreamFrame | null;
  readonly index: number | null;
  readonly from: number;
  readonly to: number;
  readonly clipped: boolean;
}

/**
 * Lays chunks (as TCP delivered them) and frames (as the codec decoded them)
 * side by side on one grid. Rows are the pieces between every chunk boundary
 * and every frame boundary, so a chunk and a frame that share bytes share
 * rows: one frame over three chunks spans their three rows, and three frames
 * in one chunk split its row into three.
 */
export function layoutStream(chunks: readonly StreamChunk[], frames: readonly StreamFrame[]): StreamLayout {
  const shown = chunks.filter((c) => c.len > 0);
  const chunkStart = new Map<number, number>();
  let total = 0;
  for (const c of shown) {
    chunkStart.set(c.seq, total);
    total += c.len;
  }

  const spans: Span[] = [];
  frames.forEach((frame, index) => {
    const end = chunkStart.get(frame.end.seq);
    if (end === undefined) return; // ended before the shown chunks
    const start = chunkStart.get(frame.start.seq);
    const from = start === undefined ? 0 : start + frame.start.offset;
    spans.push({ frame, index, from, to: Math.min(total, end + frame.end.offset + 1), clipped: start === undefined });
  });
  spans.sort((a, b) => a.from - b.from);

  // Bytes between frames (or after the last) belong to no frame yet.
  const covered: Span[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.from > at) covered.push({ frame: null, index: null, from: at, to: span.from, clipped: false });
    covered.push(span);
    at = Math.max(at, span.to);
  }
  if (at < total) covered.push({ frame: null, index: null, from: at, to: total, clipped: false });

  const cuts = [...new Set([0, total, ...chunkStart.values(), ...covered.flatMap((s) => [s.from, s.to])])]
    .filter((c) => c >= 0 && c <= total)
    .sort((a, b) => a - b);
  const rowAt = new Map(cuts.map((cut, i) => [cut, i + 1]));
  const rowOf = (offset: number) => rowAt.get(offset)!;

  const chunkCells: ChunkCell[] = shown.map((chunk) => {
    const from = chunkStart.get(chunk.seq)!;
    const to = from + chunk.len;
    const parts: ChunkPart[] = [];
    for (const span of covered) {
      const bytes = Math.min(to, span.to) - Math.max(from, span.from);
      if (bytes <= 0) continue;
      const last = parts.at(-1);
      if (last && last.frame === span.index) parts[parts.length - 1] = { frame: last.frame, bytes: last.bytes + bytes };
      else parts.push({ frame: span.index, bytes });
    }
    return { chunk, row: rowOf(from), rows: rowOf(to) - rowOf(from), parts };
  });

  const frameCells: FrameCell[] = covered.map((span) => ({
    frame: span.frame,
    index: span.index,
    row: rowOf(span.from),
    rows: rowOf(span.to) - rowOf(span.from),
    from: span.from,
    to: span.to,
    chunks: shown.filter((c) => {
      const from = chunkStart.get(c.seq)!;
      return from < span.to && from + c.len > span.from;
    }).length,
    clipped: span.clipped,
  }));

  return { rows: Math.max(0, cuts.length - 1), chunks: chunkCells, frames: frameCells, chunkStart, total };
}

/** The chunk holding stream offset `offset`, and the offset within it. */
export function locate(layout: StreamLayout, offset: number): { seq: number; offset: number } | null {
  for (const cell of layout.chunks) {
    const from = layout.chunkStart.get(cell.chunk.seq)!;
    if (offset >= from && offset < from + cell.chunk.len) return { seq: cell.chunk.seq, offset: offset - from };
  }
  return null;
}
