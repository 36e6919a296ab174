

/** What a reload could not keep of the earlier page, because of the bounds on what a tab may store. */
export interface RestoreNote {
  /** Log rows the earlier page held beyond those kept (the oldest). */
  readonly logRows: number;
  /** Recorded steps beyond those kept (the last ones), counted as left out of the recording. */
  readonly recordingSteps: number;
  /** Console lines cut short. */
  readonly consoleLines: number;
}

/**
 * The page's session across reloads (see session/page-session.ts): which Lab
 * its state belongs to, how far into that Lab's events it has read, and the
 * sockets it found that no earlier page of this tab accounts for.
 */
export interface SessionSlice {
  /** The Lab this page's state belongs to; null until its first snapshot is taken (then nothing is saved). */
  readonly labInstance: string | null;
  /** The seq of the latest event this page applied (or of its snapshot). */
  readonly labSeq: number;
  /**
   * Open sockets the Lab had when this page started that the page did not
   * restore (another Lab's state was saved, or none): the banner asks
   * whether to keep them or close them. Closed ones leave the list.
   */
  readonly unclaimed: readonly number[];
  /** What the restore left out, shown until dismissed; null when it kept everything. */
  readonly restoreNote: RestoreNote | null;
  /** This page's state belongs to this Lab, as of this seq; `unclaimed` are the sockets it found and did not restore. */
  startSession(instance: string | null, seq: number, unclaimed: readonly number[]): void;
  /** "Keep them": the sockets of the earlier page become this page's. */
  keepUnclaimed(): void;
  setRestoreNote(note: RestoreNote | null): void;
}
