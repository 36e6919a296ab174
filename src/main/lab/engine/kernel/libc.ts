/**
 * libc through koffi, loaded on first use. Importing this module never loads
 * anything: on macOS and Windows (or a Linux without koffi's prebuilt binary)
 * `kernelEngineSupport()` answers with a one-line reason and the Lab keeps the
 * portable engine.
 */
import { createRequire } from "node:module";
import type * as Koffi from "koffi";

export type KoffiModule = typeof Koffi;
export type LibcHandle = Koffi.LibraryHandle;

export type KernelEngineSupport = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Architectures whose struct layouts and constants engine/kernel encodes (LP64, asm-generic socket numbers). */
const SUPPORTED_ARCHES: ReadonlySet<string> = new Set(["x64", "arm64"]);

interface Loaded {
  readonly koffi: KoffiModule;
  readonly libc: LibcHandle;
}

let loaded: Loaded | null = null;
let failure: string | null = null;

function load(): Loaded | string {
  if (loaded) return loaded;
  if (failure !== null) return failure;
  if (process.platform !== "linux") return (failure = `the kernel engine is Linux-only (this is ${process.platform})`);
  if (!SUPPORTED_ARCHES.has(process.arch)) return (failure = `the kernel engine knows Linux x86_64 and aarch64 layouts only (this is ${process.arch})`);
  try {
    // createRequire: koffi is a CommonJS N-API addon and must stay external to the bundle.
    const koffi = createRequire(import.meta.url)("koffi") as KoffiModule;
    const libc = koffi.load("libc.so.6");
    loaded = { koffi, libc };
    return loaded;
  } catch (error) {
    const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return (failure = `koffi could not load libc: ${text}`);
  }
}

/** Whether the kernel engine can run here; never throws. */
export function kernelEngineSupport(): KernelEngineSupport {
  const result = load();
  return typeof result === "string" ? { ok: false, reason: result } : { ok: true };
}

/** koffi and libc, or a thrown Error with the reason; only for code that already checked support. */
export function libc(): Loaded {
  const result = load();
  if (typeof result === "string") throw new Error(result);
  return result;
}
