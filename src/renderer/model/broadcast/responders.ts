import type { LabEvent } from "../../../shared/events";
import type { Address } from "../../../shared/socket-model";
import { classify } from "./addresses";

/**
 * Who answered each broadcast or multicast, worked out from the Lab's data
 * events alone, so it also covers sends made outside the Broadcast panel
 * (the action bar, a lesson). Pure: the store keeps the result.
 *
 * Attribution: a datagram arriving on a socket that has sent a broadcast is
 * a reply to the latest broadcast that socket sent before it, however late
 * it comes; its round-trip time is arrival t − that send's t, both in the
 * Lab's µs clock. Replies from this Lab's own sockets (receivers on one
 * machine all answer from the same address and port) are told apart by
 * pairing them with the answering socket's outgoing datagram, which the Lab
 * logs before the reply arrives: a send completes on the next tick, an
 * arrival needs another turn of the event loop.
 */

/** Broadcasts kept; older ones go, counted, so the renderer never holds unbounded data. */
export const MAX_ENTRIES = 200;
/** Responders kept per broadcast: a big LAN may answer from thousands of hosts. */
export const MAX_RESPONDERS = 500;
/** Recent unicast sends of Lab sockets, waiting to be paired with a reply. */
const MAX_PENDING = 512;
/** A copy of a broadcast is looked for among this many latest broadcasts. */
const COPY_WINDOW = 20;

export interface RttStats {
  readonly count: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
}

/** Where an arriving datagram went, as the kernel engine reports it (IP_PKTINFO); the portable engine knows only the address. */
export interface Arrival {
  readonly fd: number;
  readonly dst: Address | null;
  readonly cast: "unicast" | "broadcast" | "multicast" | null;
  readonly ifname: string | null;
}

const arrivalOf = (event: DataEvent): Arrival => ({ fd: event.fd, dst: event.dst, cast: event.cast ?? null, ifname: event.ifname ?? null });

export interface Responder {
  /** `lab:5` for this Lab's fd 5, else `host:port`. */
  readonly key: string;
  readonly address: Address;
  /** The Lab socket that answered, when the reply came from this Lab. */
  readonly fd: number | null;
  readonly replies: number;
  readonly preview: string;
  readonly len: number;
  /** Round-trip times in µs. */
  readonly rtt: RttStats;
  readonly lastT: number;
  /** Where its latest reply arrived. */
  readonly arrival: Arrival;
}

export interface BroadcastEntry {
  readonly id: number;
  /** The sending socket. */
  readonly fd: number;
  readonly dst: Address;
  readonly cast: "broadcast" | "multicast";
  readonly srcPort: number | null;
  readonly preview: string;
  readonly len: number;
  /** The repeat job that sent it, or null for a single send. */
  readonly job: number | null;
  readonly sends: number;
  readonly firstT: number;
  readonly lastSendT: number;
  readonly responders: readonly Responder[];
  readonly respondersTrimmed: number;
  /** Lab sockets that received a copy (whether or not they answered). */
  readonly reached: readonly number[];
  /** Where each of those copies arrived, in the same order. */
  readonly arrivals: readonly Arrival[];
}

interface PendingReply {
  readonly fd: number;
  readonly srcPort: number | null;
  readonly dstPort: number;
  readonly len: number;
  readonly preview: string;
}

export interface CastLog {
  /** Oldest first. */
  readonly entries: readonly BroadcastEntry[];
  /** Entries pushed out by MAX_ENTRIES. */
  readonly trimmed: number;
  readonly nextId: number;
  /** fd → the repeat job running on it: its sends make one entry. */
  readonly activeJobs: ReadonlyMap<number, number>;
  readonly pending: readonly PendingReply[];
}

export const EMPTY_CAST_LOG: CastLog = { entries: [], trimmed: 0, nextId: 1, activeJobs: new Map(), pending: [] };

const EMPTY_RTT: RttStats = { count: 0, last: 0, min: Infinity, max: 0, sum: 0 };

function addRtt(stats: RttStats, rtt: number): RttStats {
  return { count: stats.count + 1, last: rtt, min: Math.min(stats.min, rtt), max: Math.max(stats.max, rtt), sum: stats.sum + rtt };
}

type DataEvent = Extract<LabEvent, { type: "data" }>;

/** A mutable working copy for one batch; frozen again by `trackCasts`. */
class Working {
  entries: BroadcastEntry[];
  trimmed: number;
  nextId: number;
  activeJobs: Map<number, number>;
  pending: PendingReply[];
  changed = false;

  constructor(log: CastLog) {
    this.entries = [...log.entries];
    this.trimmed = log.trimmed;
    this.nextId = log.nextId;
    this.activeJobs = new Map(log.activeJobs);
    this.pending = [...log.pending];
  }

  latestOf(fd: number): number {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.fd === fd) return i;
    return -1;
  }

  sent(event: DataEvent, cast: "broadcast" | "multicast", dst: Address): void {
    const job = this.activeJobs.get(event.fd) ?? null;
    const at = job === null ? -1 : this.latestOf(event.fd);
    const same = at >= 0 ? this.entries[at]! : null;
    if (same && same.job === job) {
      this.entries[at] = { ...same, sends: same.sends + 1, lastSendT: event.t };
    } else {
      this.entries.push({
        id: this.nextId++,
        fd: event.fd,
        dst,
        cast,
        srcPort: event.src?.[1] ?? null,
        preview: event.preview,
        len: event.len,
        job,
        sends: 1,
        firstT: event.t,
        lastSendT: event.t,
        responders: [],
        respondersTrimmed: 0,
        reached: [],
        arrivals: [],
      });
      const over = this.entries.length - MAX_ENTRIES;
      if (over > 0) {
        this.entries.splice(0, over);
        this.trimmed += over;
      }
    }
    this.changed = true;
  }

  /** An arrival that is a copy of a recent broadcast from another Lab socket. */
  copyOf(event: DataEvent): number {
    const from = Math.max(0, this.entries.length - COPY_WINDOW);
    for (let i = this.entries.length - 1; i >= from; i--) {
      const e = this.entries[i]!;
      if (e.fd !== event.fd && isCopy(e, event)) return i;
    }
    return -1;
  }

  reachedBy(index: number, event: DataEvent): void {
    const entry = this.entries[index]!;
    if (entry.reached.includes(event.fd)) return;
    this.entries[index] = { ...entry, reached: [...entry.reached, event.fd], arrivals: [...entry.arrivals, arrivalOf(event)] };
    this.changed = true;
  }

  /** The Lab socket whose unicast send this arrival is, if any; that send is used up. */
  claimPending(event: DataEvent): number | null {
    const i = this.pending.findIndex(
      (p) =>
        p.fd !== event.fd &&
        p.dstPort === event.dst?.[1] &&
        p.srcPort === event.src?.[1] &&
        p.len === event.len &&
        p.preview === event.preview,
    );
    if (i < 0) return null;
    const [claimed] = this.pending.splice(i, 1);
    this.changed = true;
    return claimed!.fd;
  }

  reply(index: number, event: DataEvent, from: Address, labFd: number | null): void {
    const entry = this.entries[index]!;
    const key = labFd === null ? `${from[0]}:${from[1]}` : `lab:${labFd}`;
    const rtt = Math.max(0, event.t - entry.lastSendT);
    const at = entry.responders.findIndex((r) => r.key === key);
    let responders: Responder[];
    let trimmed = entry.respondersTrimmed;
    if (at >= 0) {
      const r = entry.responders[at]!;
      responders = [...entry.responders];
      responders[at] = { ...r, address: from, replies: r.replies + 1, preview: event.preview, len: event.len, rtt: addRtt(r.rtt, rtt), lastT: event.t, arrival: arrivalOf(event) };
    } else if (entry.responders.length >= MAX_RESPONDERS) {
      responders = [...entry.responders];
      trimmed += 1;
    } else {
      const fresh: Responder = { key, address: from, fd: labFd, replies: 1, preview: event.preview, len: event.len, rtt: addRtt(EMPTY_RTT, rtt), lastT: event.t, arrival: arrivalOf(event) };
      responders = [...entry.responders, fresh];
    }
    this.entries[index] = { ...entry, responders, respondersTrimmed: trimmed };
    this.changed = true;
  }

  remember(event: DataEvent, dst: Address): void {
    this.pending.push({ fd: event.fd, srcPort: event.src?.[1] ?? null, dstPort: dst[1], len: event.len, preview: event.preview });
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    this.changed = true;
  }
}

/** A received datagram that carries the broadcast's bytes from the broadcast's sender port to its destination port. */
function isCopy(entry: BroadcastEntry, event: DataEvent): boolean {
  return (
    event.len === entry.len &&
    event.preview === entry.preview &&
    event.src?.[1] === entry.srcPort &&
    event.dst?.[1] === entry.dst[1]
  );
}

/** Folds one batch of Lab events into the log; returns the same object when nothing changed. */
export function trackCasts(log: CastLog, events: readonly LabEvent[], targets: ReadonlySet<string>): CastLog {
  // Copied on the first change only: most batches hold nothing about broadcasts.
  const held: { work: Working | null } = { work: null };
  const w = (): Working => (held.work ??= new Working(log));
  for (const event of events) {
    if (event.type === "job") {
      const jobs = w().activeJobs;
      if (event.done) {
        if (jobs.get(event.fd) === event.job) jobs.delete(event.fd);
      } else jobs.set(event.fd, event.job);
      w().changed = true;
      continue;
    }
    if (event.type !== "data") continue;
    if (event.dir === "out") {
      if (!event.dst) continue;
      const cast = classify(event.dst[0], event.cast, targets);
      if (cast === "unicast") {
        // Only UDP datagrams (a TCP stream has no `cast`) sent after some broadcast can answer one.
        const any = (held.work?.entries.length ?? log.entries.length) > 0;
        if (event.cast !== undefined && any) w().remember(event, event.dst);
      } else w().sent(event, cast, event.dst);
      continue;
    }
    if (!event.src) continue;
    const copy = w().copyOf(event);
    if (copy >= 0) {
      w().reachedBy(copy, event);
      continue;
    }
    const own = w().latestOf(event.fd);
    if (own < 0) continue;
    // A sender bound to the broadcast's port hears its own broadcast: not an answer.
    if (isCopy(w().entries[own]!, event) && event.src[1] === w().entries[own]!.srcPort) continue;
    w().reply(own, event, event.src, w().claimPending(event));
  }
  const done = held.work;
  if (!done || !done.changed) return log;
  return { entries: done.entries, trimmed: done.trimmed, nextId: done.nextId, activeJobs: done.activeJobs, pending: done.pending };
}

/** Mean round-trip time in µs. */
export function meanRtt(stats: RttStats): number {
  return stats.count === 0 ? 0 : stats.sum / stats.count;
}
