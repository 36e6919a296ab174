import type { LabErrorInfo } from "../../../shared/errors";
import type { Direction, LabEvent, StreamPosition } from "../../../shared/events";
import type { FramingConfig } from "../../../shared/framing";

/** One data event: bytes as the Lab logged their arrival (not TCP's segments, nor what a recv() returned). */
export interface StreamChunk {
  readonly seq: number;
  readonly len: number;
  readonly preview: string;
}

/** One frame event: a message decoded from the chunks, spanning start..end (inclusive). */
export interface StreamFrame {
  readonly seq: number;
  readonly len: number;
  readonly preview: string;
  readonly start: StreamPosition;
  readonly end: StreamPosition;
}

/** One read event that took bytes: what a recv() returned to the program, spanning start..end (inclusive; null where not known). */
export interface StreamRead {
  readonly seq: number;
  readonly op: "recv" | "recvfrom";
  readonly len: number;
  readonly preview: string;
  readonly start: StreamPosition | null;
  readonly end: StreamPosition | null;
}

export interface DirectionStream {
  readonly chunks: readonly StreamChunk[];
  readonly frames: readonly StreamFrame[];
  /** Incoming only: the program's recv()s that took bytes (MSG_PEEK reads take none and are only counted). */
  readonly reads: readonly StreamRead[];
  readonly droppedChunks: number;
  readonly droppedFrames: number;
  readonly droppedReads: number;
  readonly peeks: number;
  /** The seq of a recv() that returned b'' (end of stream), once one has. */
  readonly endRead: number | null;
  /** The framing error that made the Lab stop decoding this direction. */
  readonly error: { readonly seq: number; readonly error: LabErrorInfo } | null;
}

/** One connection's streams since its framing was chosen. */
export interface FramingView {
  readonly config: FramingConfig;
  /** The seq of the snapshot that first showed this framing: the tracker's stream starts after it. */
  readonly since: number;
  /** False once the Lab stopped decoding (turned off, or a framing error). */
  readonly active: boolean;
  readonly in: DirectionStream;
  readonly out: DirectionStream;
}

export type FramingViews = ReadonlyMap<number, FramingView>;

/** Per direction and connection: the view is for watching a lesson's messages, not a capture (the log keeps all). */
export const STREAM_CAPACITY = 400;

export const EMPTY_STREAM: DirectionStream = { chunks: [], frames: [], reads: [], droppedChunks: 0, droppedFrames: 0, droppedReads: 0, peeks: 0, endRead: null, error: null };

const FRAMING_OP = /^framing \((in|out)\)$/;

function sameConfig(a: FramingConfig, b: FramingConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function bounded<T>(list: readonly T[], item: T): { list: readonly T[]; dropped: number } {
  const next = [...list, item];
  return next.length > STREAM_CAPACITY ? { list: next.slice(1), dropped: 1 } : { list: next, dropped: 0 };
}

function withDirection(view: FramingView, dir: Direction, change: (stream: DirectionStream) => DirectionStream): FramingView {
  return dir === "in" ? { ...view, in: change(view.in) } : { ...view, out: change(view.out) };
}

/**
 * Folds a batch into the connections' framing views. A view starts when a
 * snapshot first shows a framing (the Lab's frame positions count from
 * there), records the chunks and frames of both directions and the
 * program's reads of the incoming one, and keeps what
 * it saw when the framing stops: after a framing error the chunks that
 * follow are still recorded, to show the bytes nobody decoded.
 */
export function foldFraming(events: readonly LabEvent[], views: FramingViews): FramingViews | null {
  let next: Map<number, FramingView> | null = null;
  const put = (fd: number, view: FramingView | null) => {
    next ??= new Map(views);
    if (view) next.set(fd, view);
    else next.delete(fd);
  };
  const get = (fd: number) => (next ?? views).get(fd);

  for (const event of events) {
    const view = get(event.fd);
    switch (event.type) {
      case "created":
      case "state": {
        const framing = event.socket.framing;
        if (framing && !(view?.active && sameConfig(view.config, framing))) {
          put(event.fd, { config: framing, since: event.seq, active: true, in: EMPTY_STREAM, out: EMPTY_STREAM });
        } else if (!framing && view?.active) {
          put(event.fd, { ...view, active: false });
        }
        break;
      }
      case "data":
        if (view && (view.active || view[event.dir].error)) {
          const chunk: StreamChunk = { seq: event.seq, len: event.len, preview: event.preview };
          put(
            event.fd,
            withDirection(view, event.dir, (s) => {
              const { list, dropped } = bounded(s.chunks, chunk);
              return { ...s, chunks: list, droppedChunks: s.droppedChunks + dropped };
            }),
          );
        }
        break;
      case "frame":
        if (view) {
          const frame: StreamFrame = { seq: event.seq, len: event.len, preview: event.preview, start: event.start, end: event.end };
          put(
            event.fd,
            withDirection(view, event.dir, (s) => {
              const { list, dropped } = bounded(s.frames, frame);
              return { ...s, frames: list, droppedFrames: s.droppedFrames + dropped };
            }),
          );
        }
        break;
      case "read":
        if (view && (view.active || view.in.error)) {
          const { seq, op, len, preview, start, end, peek } = event;
          put(
            event.fd,
            withDirection(view, "in", (s) => {
              if (peek) return { ...s, peeks: s.peeks + 1 };
              if (len === 0) return { ...s, endRead: s.endRead ?? seq };
              const { list, dropped } = bounded(s.reads, { seq, op, len, preview, start, end });
              return { ...s, reads: list, droppedReads: s.droppedReads + dropped };
            }),
          );
        }
        break;
      case "error": {
        const dir = FRAMING_OP.exec(event.op)?.[1] as Direction | undefined;
        if (view && dir) put(event.fd, withDirection(view, dir, (s) => ({ ...s, error: { seq: event.seq, error: event.error } })));
        break;
      }
      case "closed":
        if (view) put(event.fd, null);
        break;
      default:
        break;
    }
  }
  return next;
}
