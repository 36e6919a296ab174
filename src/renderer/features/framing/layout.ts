import type { StreamPosition } from "../../../shared/events";
import type { StreamChunk, StreamFrame, StreamRead } from "../../model/framing/stream-fold";

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

/** What one recv() returned (its rows), or bytes no recv() shown took: still in the receive queue, or taken another way (recv_frame, an auto mode, a recv before this view). */
export interface ReadCell {
  readonly read: StreamRead | null;
  readonly queued: boolean;
  readonly row: number;
  readonly rows: number;
  readonly from: number;
  readonly to: number;
  /** How many arrivals its bytes came in. */
  readonly chunks: number;
  readonly clipped: boolean;
}

export interface StreamLayout {
  readonly rows: number;
  readonly chunks: readonly ChunkCell[];
  readonly frames: readonly FrameCell[];
  readonly reads: readonly ReadCell[];
  /** Stream offset where each shown chunk starts, by seq. */
  readonly chunkStart: ReadonlyMap<number, number>;
  readonly total: number;
}

interface Span<T> {
  readonly item: T | null;
  readonly index: number | null;
  readonly from: number;
  readonly to: number;
  readonly clipped: boolean;
}

/**
 * Where positioned items (frames, reads) lie in the shown stream, in order,
 * with the bytes between and after them as spans of no item. An item that
 * ended before the shown chunks is left out; one that began before them is
 * clipped to their start.
 */
function cover<T extends { readonly start: StreamPosition | null; readonly end: StreamPosition | null }>(
  items: readonly T[],
  chunkStart: ReadonlyMap<number, number>,
  total: number,
): Span<T>[] {
  const spans: Span<T>[] = [];
  items.forEach((item, index) => {
    const end = item.end && chunkStart.get(item.end.seq);
    if (end === undefined || end === null) return;
    const start = item.start && chunkStart.get(item.start.seq);
    const clipped = start === undefined || start === null;
    spans.push({ item, index, from: clipped ? 0 : start + item.start!.offset, to: Math.min(total, end + item.end!.offset + 1), clipped });
  });
  spans.sort((a, b) => a.from - b.from);
  const covered: Span<T>[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.from > at) covered.push({ item: null, index: null, from: at, to: span.from, clipped: false });
    covered.push(span);
    at = Math.max(at, span.to);
  }
  if (at < total) covered.push({ item: null, index: null, from: at, to: total, clipped: false });
  return covered;
}

/** A span of no item cut where the receive queue's bytes begin. */
function splitAt<T>(span: Span<T>, offset: number): Span<T>[] {
  if (span.item !== null || offset <= span.from || offset >= span.to) return [span];
  return [
    { ...span, to: offset },
    { ...span, from: offset },
  ];
}

/**
 * Lays chunks (arrivals as the Lab logged them), reads (what each recv()
 * returned) and frames (as the codec decoded them) side by side on one
 * grid. Rows are the pieces between every boundary of any of them, so cells
 * that share bytes share rows: one frame over three chunks spans their three
 * rows, and three frames in one chunk split its row into three.
 */
/** The incoming direction's reads, and how many bytes the receive queue holds now (the stream's last ones). */
export interface ReadsInput {
  readonly reads: readonly StreamRead[];
  readonly queued: number;
}

export function layoutStream(chunks: readonly StreamChunk[], frames: readonly StreamFrame[], incoming: ReadsInput | null = null): StreamLayout {
  const shown = chunks.filter((c) => c.len > 0);
  const chunkStart = new Map<number, number>();
  let total = 0;
  for (const c of shown) {
    chunkStart.set(c.seq, total);
    total += c.len;
  }

  // Bytes between frames (or after the last) belong to no frame yet.
  const covered = cover(frames, chunkStart, total);
  const queuedFrom = Math.max(0, total - (incoming?.queued ?? 0));
  const readSpans = incoming ? cover(incoming.reads, chunkStart, total).flatMap((span) => splitAt(span, queuedFrom)) : [];

  const cuts = [...new Set([0, total, ...chunkStart.values(), ...[...covered, ...readSpans].flatMap((s) => [s.from, s.to])])]
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

  const place = (span: Span<unknown>) => ({
    row: rowOf(span.from),
    rows: rowOf(span.to) - rowOf(span.from),
    from: span.from,
    to: span.to,
    chunks: shown.filter((c) => {
      const from = chunkStart.get(c.seq)!;
      return from < span.to && from + c.len > span.from;
    }).length,
    clipped: span.clipped,
  });
  const frameCells: FrameCell[] = covered.map((span) => ({ frame: span.item, index: span.index, ...place(span) }));
  const readCells: ReadCell[] = readSpans.map((span) => ({ read: span.item, queued: span.item === null && span.from >= queuedFrom, ...place(span) }));

  return { rows: Math.max(0, cuts.length - 1), chunks: chunkCells, frames: frameCells, reads: readCells, chunkStart, total };
}

/** The chunk holding stream offset `offset`, and the offset within it. */
export function locate(layout: StreamLayout, offset: number): { seq: number; offset: number } | null {
  for (const cell of layout.chunks) {
    const from = layout.chunkStart.get(cell.chunk.seq)!;
    if (offset >= from && offset < from + cell.chunk.len) return { seq: cell.chunk.seq, offset: offset - from };
  }
  return null;
}
