/**
 * Errors as CPython on Linux names them: the exception class a Python program
 * would catch, and the errno symbol. Every failure that crosses the contract
 * has this shape.
 */
export interface LabErrorInfo {
  /** Python exception class name, e.g. "ConnectionRefusedError". */
  readonly type: string;
  /** errno symbol ("ECONNREFUSED"), or null where Python's errno is None (timeouts). */
  readonly errno: string | null;
  /** A sentence a person can read. */
  readonly message: string;
}

/** The exception class CPython raises for each errno (PEP 3151 mapping). */
const EXCEPTION_FOR_ERRNO: Readonly<Record<string, string>> = {
  ECONNREFUSED: "ConnectionRefusedError",
  ECONNRESET: "ConnectionResetError",
  ECONNABORTED: "ConnectionAbortedError",
  EPIPE: "BrokenPipeError",
  EAGAIN: "BlockingIOError",
  EINPROGRESS: "BlockingIOError",
  EALREADY: "BlockingIOError",
  ETIMEDOUT: "TimeoutError",
  EACCES: "PermissionError",
  EPERM: "PermissionError",
};

/** Linux's strerror() text, so messages read like Python's "[Errno 111] Connection refused". */
const STRERROR: Readonly<Record<string, string>> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by peer",
  ECONNABORTED: "Software caused connection abort",
  EPIPE: "Broken pipe",
  EAGAIN: "Resource temporarily unavailable",
  EINPROGRESS: "Operation now in progress",
  EALREADY: "Operation already in progress",
  ETIMEDOUT: "Connection timed out",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EADDRINUSE: "Address already in use",
  EADDRNOTAVAIL: "Cannot assign requested address",
  ENOTCONN: "Transport endpoint is not connected",
  EISCONN: "Transport endpoint is already connected",
  EBADF: "Bad file descriptor",
  EINVAL: "Invalid argument",
  EDESTADDRREQ: "Destination address required",
  EOPNOTSUPP: "Operation not supported",
  EMSGSIZE: "Message too long",
  EHOSTUNREACH: "No route to host",
  ENETUNREACH: "Network is unreachable",
  EAFNOSUPPORT: "Address family not supported by protocol",
};

export function exceptionFor(errno: string): string {
  return EXCEPTION_FOR_ERRNO[errno] ?? "OSError";
}

export function strerror(errno: string): string {
  return STRERROR[errno] ?? errno;
}

/** An OS-level error, as Python would raise it for `errno`. */
export function osError(errno: string, detail?: string): LabErrorInfo {
  const text = strerror(errno);
  return { type: exceptionFor(errno), errno, message: detail ? `${text}: ${detail}` : text };
}

/** Python's `TimeoutError('timed out')` from a socket timeout: errno is None. */
export const SOCKET_TIMEOUT: LabErrorInfo = { type: "TimeoutError", errno: null, message: "timed out" };

/** Arguments that do not fit a command's schema. */
export function invalidArgument(message: string): LabErrorInfo {
  return { type: "ValueError", errno: "EINVAL", message };
}

/** Thrown inside the Lab; carries the typed error across async boundaries. */
export class LabError extends Error {
  readonly info: LabErrorInfo;
  constructor(info: LabErrorInfo) {
    super(info.message);
    this.name = info.type;
    this.info = info;
  }
}

export function isLabErrorInfo(value: unknown): value is LabErrorInfo {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && typeof v.message === "string" && (v.errno === null || typeof v.errno === "string");
}
