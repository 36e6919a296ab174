import type { LabErrorInfo } from "./errors";
import type { Address, SocketSnapshot } from "./socket-model";

interface Stamp {
  /** Lab-wide sequence number, from 1, without gaps. */
  readonly seq: number;
  /** Microseconds since the Lab started. */
  readonly t: number;
}

export type Direction = "in" | "out";

/** A byte inside the payload of a data event. */
export interface StreamPosition {
  readonly seq: number;
  readonly offset: number;
}

/** One thing that happened in the Lab. Events flow main → renderer only. */
export type LabEvent = Stamp &
  (
    | { readonly type: "created"; readonly fd: number; readonly socket: SocketSnapshot }
    | { readonly type: "state"; readonly fd: number; readonly socket: SocketSnapshot }
    | {
        readonly type: "data";
        readonly fd: number;
        readonly dir: Direction;
        readonly len: number;
        /** First bytes, escaped as Python would print them. */
        readonly preview: string;
        readonly src: Address | null;
        readonly dst: Address | null;
        /** UDP: whether the destination was one host, a broadcast address or a multicast group (incoming: where the kernel engine saw it sent). */
        readonly cast?: "unicast" | "broadcast" | "multicast";
        /** Incoming UDP on the kernel engine: the interface the datagram came in on (IP_PKTINFO). */
        readonly ifname?: string;
      }
    | { readonly type: "fin"; readonly fd: number; readonly dir: Direction }
    /** A message decoded from the stream with the connection's framing; its bytes span start..end. */
    | {
        readonly type: "frame";
        readonly fd: number;
        readonly dir: Direction;
        readonly len: number;
        readonly preview: string;
        readonly start: StreamPosition;
        readonly end: StreamPosition;
      }
    /**
     * What one recv()/recvfrom() on a stream returned to the program: the
     * boundaries it sees, which need not be the arrivals' (one recv may take
     * two arrivals, two recvs one). Its bytes span start..end of the data
     * events that logged them (null where those are not known); len 0 is
     * end of stream. A MSG_PEEK read (`peek`) takes nothing.
     */
    | {
        readonly type: "read";
        readonly fd: number;
        readonly op: "recv" | "recvfrom";
        readonly len: number;
        readonly preview: string;
        readonly peek: boolean;
        readonly start: StreamPosition | null;
        readonly end: StreamPosition | null;
      }
    | { readonly type: "closed"; readonly fd: number }
    /** Progress of a repeated send: `sent` of `total`; `done` with `error` when it failed. */
    | {
        readonly type: "job";
        readonly job: number;
        readonly fd: number;
        readonly sent: number;
        readonly total: number;
        readonly done: boolean;
        readonly error: LabErrorInfo | null;
      }
    /** A watched fd's revents changed (masked by what its watcher registered). */
    | { readonly type: "readiness"; readonly fd: number; readonly watcher: number; readonly revents: number; readonly previous: number }
    /** The Lab acted on its own (not Python behaviour): idle-close closed a socket, or every socket was closed (quit). */
    | { readonly type: "policy"; readonly fd: number; readonly policy: "idle-close" | "close-all"; readonly detail: string }
    | { readonly type: "error"; readonly fd: number; readonly op: string; readonly error: LabErrorInfo }
  );

/** A repeat job's progress, as its latest job event says. */
export type JobProgress = DistributiveOmit<Extract<LabEvent, { type: "job" }>, "seq" | "t" | "type">;

/** Events the Lab could not deliver to a page that fell behind: how many, and the seqs they spanned. */
export interface MissedEvents {
  readonly count: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

/**
 * Events travel in batches, at most one per animation frame. The page
 * acknowledges each batch by its `id` once applied (flow control); an ack
 * covers every earlier batch too. `missed` says what was dropped before this
 * batch because the page fell behind, or what was in batches it never
 * acknowledged.
 */
export interface EventBatch {
  readonly id: number;
  readonly events: readonly LabEvent[];
  readonly missed?: MissedEvents;
}

/** Distributes a union over its members so each keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the Lab stamps it. */
export type LabEventBody = DistributiveOmit<LabEvent, "seq" | "t">;
