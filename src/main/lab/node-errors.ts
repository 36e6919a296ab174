import { LabError, osError, type LabErrorInfo } from "../../shared/errors";
import { framingErrorInfo, isFramingError } from "../../shared/framing";

/** Node's `err.code` for a DNS failure, and the errno Python's gaierror carries. */
const GAI_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: "EAI_NONAME",
  EAI_AGAIN: "EAI_AGAIN",
  EAI_FAIL: "EAI_FAIL",
  EAI_FAMILY: "EAI_FAMILY",
};

/** Translates whatever Node threw into the error a Python program would see. */
export function toLabErrorInfo(err: unknown): LabErrorInfo {
  if (err instanceof LabError) return err.info;
  if (isFramingError(err)) return framingErrorInfo(err);
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : undefined;
  if (code && GAI_CODES[code]) {
    const host = typeof err === "object" && err !== null && "hostname" in err ? String(err.hostname) : "";
    return { type: "gaierror", errno: GAI_CODES[code], message: `Name or service not known${host ? `: ${host}` : ""}` };
  }
  if (code && /^E[A-Z]+$/.test(code)) return osError(code);
  // Node's own argument checks (ERR_SOCKET_BAD_PORT, ERR_MISSING_ARGS, …) reject what the kernel would reject with EINVAL.
  if (code?.startsWith("ERR_")) return osError("EINVAL", err instanceof Error ? err.message : code);
  return { type: "OSError", errno: null, message: err instanceof Error ? err.message : String(err) };
}
