import type { StateCreator } from "zustand";
import type { LabState } from "./state/lab-state";
import { EMPTY_FILTER, TONES, Tone, ColourRule, DEFAULT_COLOUR_RULES, LogViewSlice } from "./state/log-view";

const COLOURS_KEY = "socket-lab.logColours";

function savedColours(): readonly ColourRule[] {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(COLOURS_KEY) ?? "null") as unknown;
    if (Array.isArray(saved) && saved.every(isRule)) return saved;
  } catch {
    // A damaged setting falls back to the defaults.
  }
  return DEFAULT_COLOUR_RULES;
}

function isRule(value: unknown): value is ColourRule {
  if (typeof value !== "object" || value === null) return false;
  const rule = value as Record<string, unknown>;
  return typeof rule.expression === "string" && typeof rule.enabled === "boolean" && TONES.includes(rule.tone as Tone);
}

export const createLogViewSlice: StateCreator<LabState, [], [], LogViewSlice> = (set) => ({
  logTab: "list",
  logSide: "detail",
  logFilter: EMPTY_FILTER,
  logSelected: null,
  logStream: null,
  logColours: savedColours(),
  setLogTab: (logTab) => set({ logTab }),
  setLogSide: (logSide) => set({ logSide }),
  setLogFilter: (change) => set((state) => ({ logFilter: { ...state.logFilter, ...change } })),
  selectLogEntry: (logSelected) => set({ logSelected }),
  followLogStream: (logStream) => set({ logStream, logTab: "stream" }),
  setLogColours: (logColours) => {
    globalThis.localStorage?.setItem(COLOURS_KEY, JSON.stringify(logColours));
    set({ logColours });
  },
});
