import type { LabErrorInfo } from "../errors";

/** The four ways framing fails; the errno a scenario's `expect` names. */
export type FramingErrorCode = "FRAME_TOO_LARGE" | "TRUNCATED_FRAME" | "BAD_LENGTH" | "DELIMITER_IN_PAYLOAD";

/**
 * A protocol error on one byte stream. It is thrown, never swallowed, so the
 * Lab can report it per socket instead of crashing.
 */
export class FramingError extends Error {
  readonly code: FramingErrorCode;
  /**
   * Frames that the failing `push` had already completed before it met the
   * error, in order. Without them a valid frame that shared a chunk with a
   * bad header would be lost. Always empty on a poisoned decoder's later throws.
   */
  readonly frames: readonly Uint8Array[];

  constructor(code: FramingErrorCode, message: string, frames: readonly Uint8Array[] = []) {
    super(message);
    this.name = "FramingError";
    this.code = code;
    this.frames = frames;
  }
}

export function isFramingError(value: unknown): value is FramingError {
  return value instanceof FramingError;
}

/** The contract's error shape, as a transcript line carries it. */
export type FramingErrorInfo = LabErrorInfo & { readonly type: "FramingError"; readonly errno: FramingErrorCode };

export function framingErrorInfo(err: FramingError): FramingErrorInfo {
  return { type: "FramingError", errno: err.code, message: err.message };
}

export function frameTooLarge(length: number, limit: number, what = "frame"): FramingError {
  return new FramingError("FRAME_TOO_LARGE", `${what} of ${length} bytes exceeds the limit of ${limit} bytes`);
}
