import { labInstanceSchema, type CommandResult } from "../../../shared/contract";
import { CALLER_GONE, type LabErrorInfo } from "../../../shared/errors";
import { pyError } from "../../../shared/python-repr";
import { restoreHistories } from "../kernel-history";
import type { LabStore } from "../store";
import { encodeSession, SESSION_LIMITS, type SessionLimits } from "./encode";
import { fromRow, savedSessionSchema, type SavedSession } from "./format";

/**
 * A reload must not split the truth: the Lab (in the main process, or the
 * browser-mode host) keeps its sockets when the page reloads, so the page
 * keeps what it showed of them in its tab's sessionStorage and takes it
 * back when the next page's first snapshot comes from the same Lab. A
 * restarted Lab has another instance id, and nothing saved for the old one
 * applies to it. What the Lab itself still holds comes from it: the socket
 * table (the snapshot) and each data row's bytes (`payload` by seq, while
 * its packet log keeps them); the Lab keeps no past events, so the log's
 * rows come from the saved session, and the events between the earlier
 * page's last one and this page's snapshot are counted, not shown.
 */

export const SESSION_KEY = "socket-lab.session";

type Snapshot = CommandResult<"snapshot">;

/** Smaller and smaller sessions, for a storage that refuses the full one (its quota is shared with anything else the origin keeps). */
const FALLBACKS: readonly SessionLimits[] = [SESSION_LIMITS, { budget: 400_000, recording: 200_000, logRows: 2_000 }, { budget: 100_000, recording: 50_000, logRows: 0 }];

/**
 * Writes the page's session; true when it fit. A session that cannot be
 * written removes the one saved before, which would otherwise come back
 * older than the page that left.
 */
export function savePageSession(storage: Storage, state: ReturnType<LabStore["getState"]>): boolean {
  for (const limits of FALLBACKS) {
    const json = encodeSession(state, limits);
    if (json === null) return false;
    try {
      storage.setItem(SESSION_KEY, json);
      return true;
    } catch {
      // QuotaExceededError: try a smaller one.
    }
  }
  forget(storage);
  return false;
}

export type LoadedSession =
  | { readonly kind: "restored"; readonly saved: SavedSession }
  /** Nothing saved (a new tab, or storage cleared). */
  | { readonly kind: "none" }
  /** Saved for another Lab (the Lab restarted), or by another format of the page. */
  | { readonly kind: "other-lab" }
  | { readonly kind: "unreadable" };

export function loadPageSession(storage: Storage, instance: string, labSeq: number): LoadedSession {
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch {
    return { kind: "none" };
  }
  if (raw === null) return { kind: "none" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: "unreadable" };
  }
  const parsed = savedSessionSchema.safeParse(json);
  if (!parsed.success) return { kind: "unreadable" };
  // A Lab's seqs only grow: a session past this Lab's latest event was never this Lab's.
  if (parsed.data.instance !== instance || parsed.data.seq > labSeq) return { kind: "other-lab" };
  return { kind: "restored", saved: parsed.data };
}

/** What a call still waiting when the earlier page went ended with: the host interrupted it, as for any page that goes. */
const INTERRUPTED_BY_RELOAD: LabErrorInfo = { ...CALLER_GONE, message: "Interrupted system call: the page reloaded while the call waited" };

/**
 * After the page's first snapshot: restores the session this tab saved for
 * this Lab, or, when there is none, notes the Lab's open sockets as the
 * earlier page's (the banner asks about them). Returns what it found.
 */
export function startPageSession(store: LabStore, storage: Storage | null, snapshot: Snapshot): LoadedSession["kind"] {
  const open = snapshot.sockets.map((s) => s.fd);
  const instance = labInstanceSchema.safeParse(snapshot.instance);
  // A Lab that does not name itself cannot be told from another: nothing is restored, nor saved.
  const loaded: LoadedSession = instance.success && storage ? loadPageSession(storage, instance.data, snapshot.seq) : { kind: "none" };
  if (loaded.kind !== "restored") {
    if (loaded.kind !== "none" && storage) forget(storage);
    store.getState().startSession(instance.success ? instance.data : null, snapshot.seq, open);
    return loaded.kind;
  }
  restore(store, loaded.saved, snapshot);
  return "restored";
}

function restore(store: LabStore, saved: SavedSession, snapshot: Snapshot): void {
  const open = new Set(snapshot.sockets.map((s) => s.fd));
  // What the page knew of a socket applies while that socket is still open.
  const ofOpen = <T,>(entries: readonly (readonly [number, T])[]) => new Map(entries.filter(([fd]) => open.has(fd)));
  const state = store.getState();
  state.restoreConsole(saved.console.map((line) => (line.status === "pending" ? { ...line, status: "error", outcome: pyError(INTERRUPTED_BY_RELOAD) } : line)));
  state.restoreLog({
    entries: saved.rows.map(fromRow),
    dropped: saved.log.dropped + saved.cut.logRows,
    missed: saved.log.missed,
    away: saved.log.away + (snapshot.seq - saved.seq),
    floor: saved.log.floor,
  });
  const { recording } = saved;
  store.setState({
    recording: {
      steps: recording.steps,
      named: new Map(recording.named),
      froms: new Map(recording.froms),
      left: recording.left,
      overflow: recording.overflow + saved.cut.recordingSteps,
      sealed: recording.sealed || saved.cut.recordingSteps > 0,
    },
    flagFds: saved.flags.fds,
    flagMask: saved.flags.mask,
    // The watch is made again by this page (flags/use-watcher.ts); adopting it against the old one's readings
    // keeps its first reports, which repeat what was lit, out of the timeline.
    flagWatcher: saved.flags.watcher,
    readings: saved.flags.watcher === null ? new Map() : new Map([[saved.flags.watcher, new Map(saved.flags.readings)]]),
    ownWatchers: saved.flags.own,
    flagTimeline: saved.flags.timeline,
    selectedFd: saved.selectedFd !== null && open.has(saved.selectedFd) ? saved.selectedFd : null,
    previousState: ofOpen(saved.previousState),
    kernelHistory: restoreHistories(
      new Map(saved.kernelHistory.map(([fd, h]) => [fd, { steps: h.steps.map(([state, t]) => ({ state, t })), trimmed: h.trimmed }])),
      state.kernelHistory,
    ),
    memberships: ofOpen(saved.memberships),
    soBroadcast: ofOpen(saved.soBroadcast),
  });
  state.startSession(saved.instance, snapshot.seq, saved.unclaimed.filter((fd) => open.has(fd)));
  const { cut } = saved;
  if (cut.logRows > 0 || cut.recordingSteps > 0 || cut.consoleLines > 0) state.setRestoreNote(cut);
}

/** Saves the session whenever the page may be going: a reload, a closed tab, or a tab put away (it may never come back). */
export function keepPageSession(store: LabStore, storage: Storage, page: Window): () => void {
  const save = () => void savePageSession(storage, store.getState());
  const hidden = () => {
    if (page.document.visibilityState === "hidden") save();
  };
  page.addEventListener("pagehide", save);
  page.document.addEventListener("visibilitychange", hidden);
  return () => {
    page.removeEventListener("pagehide", save);
    page.document.removeEventListener("visibilitychange", hidden);
  };
}

function forget(storage: Storage): void {
  try {
    storage.removeItem(SESSION_KEY);
  } catch {
    // Storage that cannot be written cannot bring anything back either.
  }
}
