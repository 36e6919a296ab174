import type { Direction } from "../../../shared/events";
import type { LogKind } from "../../../shared/log-entry";

export type LogTab = "list" | "stream" | "sequence" | "io";
export type LogSide = "detail" | "composer";

/** What the filter bar holds, as typed: the log feature compiles it. */
export interface LogFilterDraft {
  readonly fd: number | null;
  readonly dir: Direction | null;
  readonly kind: LogKind | null;
  /** Text to find in the preview, or hex digits when `searchHex`. */
  readonly search: string;
  readonly searchHex: boolean;
  /** The filter language: `fd == 5 && kind == data && len > 100`. */
  readonly expression: string;
}

export const EMPTY_FILTER: LogFilterDraft = { fd: null, dir: null, kind: null, search: "", searchHex: false, expression: "" };

/** Row colours, named by meaning; the stylesheet maps each to a light and a dark colour. */
export const TONES = ["red", "amber", "green", "blue", "violet", "grey"] as const;
export type Tone = (typeof TONES)[number];

export interface ColourRule {
  readonly expression: string;
  readonly tone: Tone;
  readonly enabled: boolean;
}

/** Red only for errors and RST, amber for timeouts and the Lab's policies, as the rest of the UI. First match wins. */
export const DEFAULT_COLOUR_RULES: readonly ColourRule[] = [
  { expression: "kind == error", tone: "red", enabled: true },
  { expression: "kind == rst", tone: "red", enabled: true },
  { expression: "kind == timeout", tone: "amber", enabled: true },
  { expression: "kind == policy", tone: "amber", enabled: true },
  { expression: "kind == fin", tone: "violet", enabled: true },
  { expression: "kind == broadcast || kind == multicast", tone: "green", enabled: true },
  { expression: "kind == socket || kind == state || kind == close", tone: "grey", enabled: true },
];

export interface LogViewSlice {
  readonly logTab: LogTab;
  readonly logSide: LogSide;
  readonly logFilter: LogFilterDraft;
  /** The selected row, by seq (stable while rows come and go). */
  readonly logSelected: number | null;
  /** The connection the follow-stream view shows (see features/log/stream). */
  readonly logStream: string | null;
  readonly logColours: readonly ColourRule[];
  setLogTab(tab: LogTab): void;
  setLogSide(side: LogSide): void;
  setLogFilter(change: Partial<LogFilterDraft>): void;
  selectLogEntry(seq: number | null): void;
  followLogStream(key: string | null): void;
  setLogColours(rules: readonly ColourRule[]): void;
}
