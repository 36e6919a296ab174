import type { CommandResult } from "../../../shared/contract";
import type { DoneReason, StandardDiscoveryProtocol } from "../../../shared/discovery/contract";
import { addSighting, addUndecodable, EMPTY_ROLL_CALL, type DeviceRow, type RollCall } from "../../../shared/discovery/roll-call";
import type { DiscoveryNote } from "../../../shared/discovery/notes";
import type { DiscoveryProtocol, Sighting, Undecodable } from "../../../shared/discovery/types";

/**
 * What the Discovery view holds: the roll call (one row per device, kept
 * across runs), the newest decoded messages for the detail pane, the Lab's
 * notes, and the run under way or the last one. Pure and bounded: every
 * update returns a new value, lists are capped and what was cut is counted.
 */

export const VIEW_LIMITS = {
  /** Decoded messages kept for the detail pane, across all devices. */
  messages: 1000,
  /** Notes from the Lab (a port that could not be bound, a reply on another interface). */
  notes: 50,
} as const;

/** A device quiet this long reads as stale (dimmed, with the time it was last heard). */
export const STALE_AFTER_MS = 60_000;

export interface RunInfo {
  readonly discovery: number;
  readonly interfaces: CommandResult<"discover_start">["interfaces"];
  readonly protocols: readonly StandardDiscoveryProtocol[];
  readonly passive: boolean;
  /** Whether LLMNR and NetBIOS had a name to ask for. */
  readonly named: boolean;
  readonly custom: number;
  readonly startedAt: number;
  readonly endsAt: number | null;
  readonly done: DoneReason | null;
  /** The poll cursor. */
  readonly after: number;
  readonly datagrams: number;
  readonly dropped: number;
  /** Protocols that answered one of this run's probes. */
  readonly answered: readonly DiscoveryProtocol[];
}

export interface KeptMessage {
  readonly n: number;
  readonly run: number;
  readonly sighting: Sighting;
}

export interface DiscoveryView {
  readonly rollCall: RollCall;
  readonly messages: readonly KeptMessage[];
  readonly messagesDropped: number;
  readonly notes: readonly DiscoveryNote[];
  readonly run: RunInfo | null;
}

export const EMPTY_VIEW: DiscoveryView = { rollCall: EMPTY_ROLL_CALL, messages: [], messagesDropped: 0, notes: [], run: null };

export function startRun(view: DiscoveryView, started: CommandResult<"discover_start">, extra: { named: boolean; custom: number }): DiscoveryView {
  return {
    ...view,
    notes: [],
    run: { ...started, ...extra, done: null, after: 0, datagrams: 0, dropped: 0, answered: [] },
  };
}

/** Folds one poll's answer into the view. A poll for another run (a stale reply) changes nothing. */
export function applyPoll(view: DiscoveryView, discovery: number, poll: CommandResult<"discover_poll">): DiscoveryView {
  const run = view.run;
  if (!run || run.discovery !== discovery) return view;
  let rollCall = view.rollCall;
  let messages: KeptMessage[] | null = null;
  let notes: DiscoveryNote[] | null = null;
  let answered = run.answered;
  for (const item of poll.items) {
    if (item.type === "sighting") {
      rollCall = addSighting(rollCall, item.sighting);
      (messages ??= [...view.messages]).push({ n: item.n, run: discovery, sighting: item.sighting });
      if (item.sighting.kind === "response" && !answered.includes(item.sighting.protocol)) answered = [...answered, item.sighting.protocol];
    } else if (item.type === "undecodable") {
      rollCall = addUndecodable(rollCall, item.datagram);
    } else {
      (notes ??= [...view.notes]).push(item.note);
    }
  }
  let messagesDropped = view.messagesDropped;
  if (messages && messages.length > VIEW_LIMITS.messages) {
    messagesDropped += messages.length - VIEW_LIMITS.messages;
    messages = messages.slice(-VIEW_LIMITS.messages);
  }
  return {
    rollCall,
    messages: messages ?? view.messages,
    messagesDropped,
    notes: notes ? notes.slice(-VIEW_LIMITS.notes) : view.notes,
    run: { ...run, after: Math.max(run.after, poll.next), datagrams: Math.max(run.datagrams, poll.datagrams), dropped: Math.max(run.dropped, poll.dropped), done: poll.done, answered },
  };
}

/** Forgets every device and message (the run, if any, goes on). */
export function clearView(view: DiscoveryView): DiscoveryView {
  return { ...EMPTY_VIEW, run: view.run };
}

/**
 * A row is stale when it has been quiet for STALE_AFTER_MS, or when the
 * last probe (not a passive listen) has ended and it said nothing during it.
 */
export function isStale(row: DeviceRow, run: RunInfo | null, now: number): boolean {
  if (now - row.lastSeen >= STALE_AFTER_MS) return true;
  return run !== null && run.done !== null && !run.passive && row.lastSeen < run.startedAt;
}

/**
 * The protocols the finished run probed that nobody answered, for the
 * "what to check" hints. LLMNR and NetBIOS without a name only listened,
 * so their silence proves nothing and is said apart (`unnamed`).
 */
export function silence(run: RunInfo | null): { readonly silent: readonly DiscoveryProtocol[]; readonly unnamed: readonly DiscoveryProtocol[] } {
  if (!run || run.done === null || run.passive) return { silent: [], unnamed: [] };
  const asked: DiscoveryProtocol[] = run.protocols.filter((p) => run.named || (p !== "llmnr" && p !== "nbns"));
  if (run.custom > 0) asked.push("custom");
  return {
    silent: asked.filter((p) => !run.answered.includes(p)),
    unnamed: run.named ? [] : run.protocols.filter((p) => p === "llmnr" || p === "nbns"),
  };
}

/** The decoded messages one device sent, newest first. */
export function messagesFrom(view: DiscoveryView, address: string): KeptMessage[] {
  return view.messages.filter((m) => m.sighting.src[0] === address).reverse();
}

/** The undecodable datagrams one device sent (or every one, for null), newest first. */
export function undecodableFrom(view: DiscoveryView, address: string | null): Undecodable[] {
  return view.rollCall.undecodable.filter((u) => address === null || u.src[0] === address).reverse();
}

/** Clock time with milliseconds, as the log prints it. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}

export function formatRtt(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}
