import type { LabErrorInfo } from "../../../shared/errors";
import type { ConnectionStatus } from "../../api/client";
import type { Language } from "../../../shared/i18n/catalog";
import type { Theme } from "../../theme";

export interface ConsoleLine {
  readonly id: number;
  /** A line of Python, or a note about a Lab mode or policy (`lab`), which Python has no line for. */
  readonly text: string;
  readonly lab: boolean;
  /** Pending while the call runs (a blocking call may wait for a long time). */
  readonly status: "pending" | "ok" | "error";
  /** What Python would print or raise. */
  readonly outcome: string;
  /** For a line about reads an auto mode made: whose, and how many so far (a flood folds into one line). */
  readonly tally?: { readonly fd: number; readonly mode: "echo" | "reply" | "recv"; readonly count: number; readonly bytes: number; readonly first: string };
}

export type ConsoleUpdate = Pick<ConsoleLine, "text" | "status" | "outcome">;

/**
 * Taking the Lab's state (its socket table, from `snapshot`) on connect and
 * after missed events. Until it succeeds the page holds events back, so a
 * failure is retried and shown, never left silent.
 */
export type LabSync =
  | { readonly kind: "syncing" }
  | { readonly kind: "synced" }
  /** A snapshot failed; attempt `attempt` (of `of`) runs after a pause. */
  | { readonly kind: "retrying"; readonly attempt: number; readonly of: number; readonly error: LabErrorInfo }
  /** Every attempt failed; the page waits for the person to ask again (`requestSync`). */
  | { readonly kind: "failed"; readonly error: LabErrorInfo };

export interface UiSlice {
  readonly language: Language;
  readonly theme: Theme;
  readonly selectedFd: number | null;
  readonly connection: ConnectionStatus;
  readonly sync: LabSync;
  /** Bumped by `requestSync`: the binding (store/bind.ts) takes a fresh snapshot when it changes. */
  readonly syncRequests: number;
  setSync(sync: LabSync): void;
  requestSync(): void;
  /** The last failed action, shown until dismissed. */
  readonly lastError: { readonly op: string; readonly error: LabErrorInfo } | null;
  /** A short confirmation of something done outside the Lab (a file saved), until the next one or dismissed. */
  readonly notice: { readonly id: number; readonly text: string } | null;
  showNotice(text: string | null): void;
  /** The Python line of every action, as a session transcript (bounded). */
  readonly console: readonly ConsoleLine[];
  /** Shows a call's line before it runs; returns the id to finish it with. */
  startConsoleLine(text: string, lab: boolean): number;
  finishConsoleLine(id: number, update: ConsoleUpdate): void;
  /** Puts back the lines an earlier page of this tab showed (after a reload), with ids of this page. */
  restoreConsole(lines: readonly Omit<ConsoleLine, "id">[]): void;
  /**
   * The console with finished `lines` appended (for event reducers, which return fields rather than set them).
   * A line whose tally continues the last line's (same fd and mode) replaces it instead.
   */
  appendConsole(lines: readonly Omit<ConsoleLine, "id">[]): readonly ConsoleLine[];
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  select(fd: number | null): void;
  setConnection(status: ConnectionStatus): void;
  showError(op: string, error: LabErrorInfo | null): void;
}
