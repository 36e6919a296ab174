import { z } from "zod";
import { labInstanceSchema } from "../../../shared/contract";
import { stepSchema } from "../../../shared/scenario";
import { LINUX_TCP_STATES, SHUT_NAMES, SOCKET_TYPES, TCP_STATES } from "../../../shared/socket-model";
import { TIMELINE_CAPACITY } from "../../model/flags/timeline";
import { KERNEL_HISTORY_LIMIT } from "../kernel-history";
import { LOG_KINDS, type LogEntry } from "../../../shared/log-entry";
import { RECORDING_CAPACITY } from "../recording-slice";
import { CONSOLE_CAPACITY } from "../ui-slice";

/**
 * What a page keeps in its tab's sessionStorage for the next page after a
 * reload. It is read back as untrusted input (another build of the page may
 * have written it, or nothing sensible at all): every field is checked here
 * before any of it reaches the store.
 */

/** Bump when the shape changes: a page never restores a session written in another format. */
export const SESSION_FORMAT = 4;

/** The most log rows a page keeps across a reload (the newest); the rest are counted as dropped. */
export const LOG_ROWS_KEPT = 20_000;

const fd = z.number().int().min(-1).max(1_000_000);
const count = z.number().int().min(0);
const seq = z.number().int().min(0);
const dir = z.enum(["in", "out"]);

const consoleLine = z.strictObject({
  text: z.string(),
  lab: z.boolean(),
  status: z.enum(["pending", "ok", "error"]),
  outcome: z.string(),
  tally: z.strictObject({ fd, mode: z.enum(["echo", "reply", "recv"]), count, bytes: count, first: z.string() }).optional(),
});

const cause = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("watch") }),
  z.strictObject({ kind: z.literal("data"), dir, len: count }),
  z.strictObject({ kind: z.literal("fin"), dir }),
  z.strictObject({ kind: z.literal("rst") }),
  z.strictObject({ kind: z.literal("error"), type: z.string(), errno: z.string().nullable() }),
  z.strictObject({ kind: z.literal("closed") }),
  z.strictObject({ kind: z.literal("created") }),
  z.strictObject({ kind: z.literal("accepted"), fd }),
  z.strictObject({ kind: z.literal("recv"), bytes: count }),
  z.strictObject({ kind: z.literal("connection") }),
  z.strictObject({ kind: z.literal("accept") }),
  z.strictObject({ kind: z.literal("shutdown"), how: z.enum(SHUT_NAMES) }),
  z.strictObject({ kind: z.literal("state"), from: z.enum(TCP_STATES), to: z.enum(TCP_STATES) }),
  z.strictObject({ kind: z.literal("drained") }),
  z.strictObject({ kind: z.literal("pending") }),
  z.strictObject({ kind: z.literal("unknown") }),
]);

const flagChange = z.strictObject({
  seq,
  t: z.number(),
  fd,
  watcher: count,
  revents: count,
  on: count,
  off: count,
  cause,
});

/** A log row as a tuple (a row costs its values, not its field names): seq, t, fd, kind, dir, src, dst, len, text, frame span, interface. */
const logRow = z.tuple([
  seq,
  z.number(),
  fd,
  z.enum(LOG_KINDS),
  dir.nullable(),
  z.string().nullable(),
  z.string().nullable(),
  count.nullable(),
  z.string(),
  z.tuple([seq, count, seq, count]).nullable(),
  // Only arriving datagrams have one: left off the other rows, so a row costs no more than before.
  z.string().max(64).optional(),
]);
type LogRow = z.output<typeof logRow>;

export const savedSessionSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT),
  instance: labInstanceSchema,
  /** The seq of the last event the page applied. */
  seq,
  console: z.array(consoleLine).max(CONSOLE_CAPACITY),
  recording: z.strictObject({
    steps: z.array(stepSchema).max(RECORDING_CAPACITY),
    named: z.array(z.tuple([fd, z.enum(SOCKET_TYPES)])),
    froms: z.array(z.tuple([fd, z.tuple([z.string().max(255), z.number().int().min(0).max(65535)])])),
    left: z.record(z.string(), count),
    overflow: count,
    sealed: z.boolean(),
  }),
  flags: z.strictObject({
    fds: z.array(fd).max(100_000),
    mask: z.number().int().min(0).max(0xffff),
    /** The earlier page's watcher (the host ended it) and what it last read: the next page's watcher is measured against them. */
    watcher: count.nullable(),
    readings: z.array(z.tuple([fd, count])),
    /** The watchers whose changes the timeline shows. */
    own: z.array(count).max(64),
    timeline: z.array(flagChange).max(TIMELINE_CAPACITY),
  }),
  selectedFd: fd.nullable(),
  previousState: z.array(z.tuple([fd, z.enum(TCP_STATES)])),
  /** Each open socket's kernel states as the page saw them: [state, Lab µs or null], oldest first, and how many older ones were dropped. */
  kernelHistory: z.array(
    z.tuple([fd, z.strictObject({ steps: z.array(z.tuple([z.enum(LINUX_TCP_STATES), z.number().nullable()])).min(1).max(KERNEL_HISTORY_LIMIT), trimmed: count })]),
  ),
  memberships: z.array(z.tuple([fd, z.array(z.strictObject({ group: z.string(), iface: z.string().nullable() }))])),
  soBroadcast: z.array(z.tuple([fd, z.boolean()])),
  /** Sockets of an earlier page this tab has not yet kept or closed (the banner was still up). */
  unclaimed: z.array(fd),
  log: z.strictObject({ dropped: count, missed: count, away: count, floor: seq }),
  /** What the bounds left out when this was saved. */
  cut: z.strictObject({ logRows: count, recordingSteps: count, consoleLines: count }),
  /** Last, so a page can write them after the rest (see encode.ts). */
  rows: z.array(logRow).max(LOG_ROWS_KEPT),
});

export type SavedSession = z.output<typeof savedSessionSchema>;

export function toRow(e: LogEntry): LogRow {
  const span: [number, number, number, number] | null = e.span && [e.span.start.seq, e.span.start.offset, e.span.end.seq, e.span.end.offset];
  const row: LogRow = [e.seq, e.t, e.fd, e.kind, e.dir, e.src, e.dst, e.len, e.text, span];
  if (e.ifname !== null) row[10] = e.ifname;
  return row;
}

export function fromRow([seq, t, fd, kind, dir, src, dst, len, text, span, ifname]: LogRow): LogEntry {
  return { seq, t, fd, kind, dir, src, dst, len, text, span: span && { start: { seq: span[0], offset: span[1] }, end: { seq: span[2], offset: span[3] } }, ifname: ifname ?? null };
}
