/**
 * errno from koffi to the contract's LabError. koffi saves errno right after
 * each foreign call (koffi.errno()), so reading it before any other foreign
 * call is exact; the number maps to Linux's symbol and CPython's class.
 */
import { errnoName, LabError, osError, type LabErrorInfo } from "../../../../shared/errors";

export function kernelErrorInfo(code: number): LabErrorInfo {
  const name = errnoName(code);
  // A number errors.ts does not name yet still reads like Python's OSError.
  return name ? osError(name) : { type: "OSError", errno: null, message: `[Errno ${code}] Unknown error ${code}` };
}

export function kernelError(code: number): LabError {
  return new LabError(kernelErrorInfo(code));
}

/** The errno name of a thrown kernel call, or null: lets tests and callers branch on "EAGAIN". */
export function errnoOf(error: unknown): string | null {
  return error instanceof LabError ? error.info.errno : null;
}
