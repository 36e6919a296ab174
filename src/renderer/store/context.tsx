import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { LabClient } from "../api/client";
import type { LabStore } from "./store";
import type { LabState } from "./state/lab-state";

interface LabContextValue {
  readonly store: LabStore;
  readonly client: LabClient;
}

const LabContext = createContext<LabContextValue | null>(null);

export function LabProvider({ store, client, children }: LabContextValue & { children: ReactNode }) {
  return <LabContext.Provider value={{ store, client }}>{children}</LabContext.Provider>;
}

function useLabContext(): LabContextValue {
  const value = useContext(LabContext);
  if (!value) throw new Error("useLab* outside LabProvider");
  return value;
}

export function useLabStore<T>(selector: (state: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}

export function useLabClient(): LabClient {
  return useLabContext().client;
}
