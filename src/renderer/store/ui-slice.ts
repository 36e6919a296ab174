import type { StateCreator } from "zustand";
import type { LabErrorInfo } from "../../shared/errors";
import type { ConnectionStatus } from "../api/client";
import { saveLanguage, savedLanguage } from "../i18n";
import type { Language } from "../i18n/catalog";
import type { LabState } from "./store";

export interface ConsoleLine {
  readonly python: string;
  /** What Python would print or raise. */
  readonly outcome: string;
  readonly ok: boolean;
}

const CONSOLE_CAPACITY = 200;

export interface UiSlice {
  readonly language: Language;
  readonly selectedFd: number | null;
  readonly connection: ConnectionStatus;
  /** The last failed action, shown until dismissed. */
  readonly lastError: { readonly op: string; readonly error: LabErrorInfo } | null;
  /** The Python line of every action, as a session transcript (bounded). */
  readonly console: readonly ConsoleLine[];
  addConsoleLine(line: ConsoleLine): void;
  setLanguage(language: Language): void;
  select(fd: number | null): void;
  setConnection(status: ConnectionStatus): void;
  showError(op: string, error: LabErrorInfo | null): void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  language: savedLanguage(),
  selectedFd: null,
  connection: "connecting",
  lastError: null,
  console: [],
  addConsoleLine: (line) => set((state) => ({ console: [...state.console.slice(-(CONSOLE_CAPACITY - 1)), line] })),
  setLanguage: (language) => {
    saveLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
  select: (fd) => set({ selectedFd: fd }),
  setConnection: (connection) => set({ connection }),
  showError: (op, error) => set({ lastError: error ? { op, error } : null }),
});
