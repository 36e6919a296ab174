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
  ENOENT: "FileNotFoundError",
  EEXIST: "FileExistsError",
  EINTR: "InterruptedError",
  ESHUTDOWN: "BrokenPipeError",
};

/** Linux's errno numbers and strerror() texts, so messages read like Python's "[Errno 111] Connection refused". */
const ERRNOS: Readonly<Record<string, readonly [code: number, text: string]>> = {
  EPERM: [1, "Operation not permitted"],
  // setsockopt(IPPROTO_TCP, 13, …): option 13 is TCP_CONGESTION, and no congestion control has that name.
  ENOENT: [2, "No such file or directory"],
  EINTR: [4, "Interrupted system call"],
  EBADF: [9, "Bad file descriptor"],
  ENODEV: [19, "No such device"],
  EAGAIN: [11, "Resource temporarily unavailable"],
  ENOMEM: [12, "Cannot allocate memory"],
  EACCES: [13, "Permission denied"],
  EFAULT: [14, "Bad address"],
  EEXIST: [17, "File exists"],
  EINVAL: [22, "Invalid argument"],
  ENFILE: [23, "Too many open files in system"],
  EMFILE: [24, "Too many open files"],
  ENOTTY: [25, "Inappropriate ioctl for device"],
  EPIPE: [32, "Broken pipe"],
  ENOTSOCK: [88, "Socket operation on non-socket"],
  EDESTADDRREQ: [89, "Destination address required"],
  EMSGSIZE: [90, "Message too long"],
  EPROTOTYPE: [91, "Protocol wrong type for socket"],
  ENOPROTOOPT: [92, "Protocol not available"],
  EPROTONOSUPPORT: [93, "Protocol not supported"],
  ESOCKTNOSUPPORT: [94, "Socket type not supported"],
  EOPNOTSUPP: [95, "Operation not supported"],
  EAFNOSUPPORT: [97, "Address family not supported by protocol"],
  EADDRINUSE: [98, "Address already in use"],
  EADDRNOTAVAIL: [99, "Cannot assign requested address"],
  ENETDOWN: [100, "Network is down"],
  ENETUNREACH: [101, "Network is unreachable"],
  ENETRESET: [102, "Network dropped connection on reset"],
  ECONNABORTED: [103, "Software caused connection abort"],
  ECONNRESET: [104, "Connection reset by peer"],
  ENOBUFS: [105, "No buffer space available"],
  EISCONN: [106, "Transport endpoint is already connected"],
  ENOTCONN: [107, "Transport endpoint is not connected"],
  ESHUTDOWN: [108, "Cannot send after transport endpoint shutdown"],
  ETIMEDOUT: [110, "Connection timed out"],
  ECONNREFUSED: [111, "Connection refused"],
  EHOSTDOWN: [112, "Host is down"],
  EHOSTUNREACH: [113, "No route to host"],
  EALREADY: [114, "Operation already in progress"],
  EINPROGRESS: [115, "Operation now in progress"],
};

/** Every errno symbol the Lab can raise, with Linux's number and text. */
export const LAB_ERRNOS: readonly string[] = Object.keys(ERRNOS);

/** glibc's getaddrinfo codes and gai_strerror() texts, what `socket.gaierror` carries. */
const GAI_ERRORS: Readonly<Record<string, readonly [code: number, text: string]>> = {
  EAI_NONAME: [-2, "Name or service not known"],
  EAI_AGAIN: [-3, "Temporary failure in name resolution"],
  EAI_FAIL: [-4, "Non-recoverable failure in name resolution"],
  EAI_NODATA: [-5, "No address associated with hostname"],
  EAI_FAMILY: [-6, "ai_family not supported"],
  EAI_ADDRFAMILY: [-9, "Address family for hostname not supported"],
};

export const LAB_GAI_ERRORS: readonly string[] = Object.keys(GAI_ERRORS);

/** A gaierror symbol's number and text (EAI_NONAME → -2, "Name or service not known"), or null if unknown. */
export function gaiError(name: string): readonly [number, string] | null {
  return GAI_ERRORS[name] ?? null;
}

/** The symbol for a Linux errno number (111 → "ECONNREFUSED"), or null if unknown. */
export function errnoName(code: number): string | null {
  for (const [name, [number]] of Object.entries(ERRNOS)) if (number === code) return name;
  return null;
}

/** Linux's number for an errno symbol (what SO_ERROR and connect_ex return), 0 for none. */
export function errnoNumber(errno: string | null): number {
  return errno ? (ERRNOS[errno]?.[0] ?? 0) : 0;
}

export function exceptionFor(errno: string): string {
  return EXCEPTION_FOR_ERRNO[errno] ?? "OSError";
}

export function strerror(errno: string): string {
  return ERRNOS[errno]?.[1] ?? errno;
}

/** An OS-level error, as Python would raise it for `errno`. */
export function osError(errno: string, detail?: string): LabErrorInfo {
  const text = strerror(errno);
  return { type: exceptionFor(errno), errno, message: detail ? `${text}: ${detail}` : text };
}

/** Python's `TimeoutError('timed out')` from a socket timeout: errno is None. */
export const SOCKET_TIMEOUT: LabErrorInfo = { type: "TimeoutError", errno: null, message: "timed out" };

/** A blocked call ended because the page that made it went away: it consumed nothing, as a process's calls end at exit. */
export const CALLER_GONE: LabErrorInfo = { type: "InterruptedError", errno: "EINTR", message: "the page that made this call went away" };

/** Python's Ctrl+C in a blocked call: the call ends, the socket stays as it was. */
export const KEYBOARD_INTERRUPT: LabErrorInfo = { type: "KeyboardInterrupt", errno: null, message: "" };

/** Whether a call ended because someone stopped waiting for it (not because of the socket). */
export function isInterruption(info: LabErrorInfo): boolean {
  return info.errno === "EINTR" || info.type === "KeyboardInterrupt";
}

/** The error an aborted call ends with: the signal's reason when it is one, else CALLER_GONE. */
export function abortReason(signal: AbortSignal): LabErrorInfo {
  return isLabErrorInfo(signal.reason) ? signal.reason : CALLER_GONE;
}

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
