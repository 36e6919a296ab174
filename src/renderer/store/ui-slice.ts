import type { StateCreator } from "zustand";
import { saveLanguage, savedLanguage } from "../language";
import { applyTheme, savedTheme, saveTheme } from "../theme";
import type { LabState } from "./state/lab-state";
import type { ConsoleLine, UiSlice } from "./state/ui";

export const CONSOLE_CAPACITY = 200;

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set, get) => {
  let nextConsoleId = 1;
  return {
    language: savedLanguage(),
    theme: savedTheme(),
    selectedFd: null,
    connection: "connecting",
    sync: { kind: "syncing" },
    syncRequests: 0,
    setSync: (sync) => set({ sync }),
    requestSync: () => set((state) => ({ syncRequests: state.syncRequests + 1 })),
    lastError: null,
    notice: null,
    showNotice: (text) => set({ notice: text === null ? null : { id: nextConsoleId++, text } }),
    console: [],
    startConsoleLine: (text, lab) => {
      const id = nextConsoleId++;
      set((state) => ({ console: [...state.console.slice(-(CONSOLE_CAPACITY - 1)), { id, text, lab, status: "pending", outcome: "" }] }));
      return id;
    },
    appendConsole: (lines) => {
      const current = get().console;
      const last = current.at(-1);
      const first = lines[0];
      const continues = last?.tally !== undefined && first?.tally?.fd === last.tally.fd && first.tally.mode === last.tally.mode;
      const withIds: ConsoleLine[] = lines.map((line, i) => ({ ...line, id: continues && i === 0 ? last.id : nextConsoleId++ }));
      return [...(continues ? current.slice(0, -1) : current), ...withIds].slice(-CONSOLE_CAPACITY);
    },
    restoreConsole: (lines) => set({ console: lines.slice(-CONSOLE_CAPACITY).map((line) => ({ ...line, id: nextConsoleId++ })) }),
    finishConsoleLine: (id, update) => set((state) => ({ console: state.console.map((line) => (line.id === id ? { ...line, ...update } : line)) })),
    setLanguage: (language) => {
      saveLanguage(language);
      document.documentElement.lang = language;
      set({ language });
    },
    setTheme: (theme) => {
      saveTheme(theme);
      applyTheme(theme);
      set({ theme });
    },
    select: (fd) => set({ selectedFd: fd }),
    setConnection: (connection) => set({ connection }),
    showError: (op, error) => set({ lastError: error ? { op, error } : null }),
  };
};
