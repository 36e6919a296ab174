import type { EngineName } from "../../../shared/socket-model";
import type { Engine } from "./engine";
import { kernelEngine } from "./kernel/engine";
import { kernelEngineSupport } from "./kernel/libc";
import { portableEngine } from "./portable/engine";

export type EngineChoice = EngineName | "auto";

export interface ChosenEngine {
  readonly engine: Engine;
  /** Why "auto" fell back to the portable engine, or null. */
  readonly fallback: string | null;
}

/**
 * "auto": the kernel engine where it loads (Linux with koffi), else the
 * portable one with the reason. Asking for "kernel" where it cannot load is
 * an error that says why, never a silent fallback.
 */
export function chooseEngine(choice: EngineChoice = "auto"): ChosenEngine {
  if (choice === "portable") return { engine: portableEngine, fallback: null };
  const support = kernelEngineSupport();
  if (support.ok) return { engine: kernelEngine, fallback: null };
  if (choice === "kernel") throw new Error(`the kernel engine cannot run here: ${support.reason}`);
  return { engine: portableEngine, fallback: support.reason };
}
