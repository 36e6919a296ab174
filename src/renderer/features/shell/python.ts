import type { HexBytes } from "../../../shared/bytes";
import { fromHex, preview } from "../../../shared/bytes";
import type { LabErrorInfo } from "../../../shared/errors";
import type { Address } from "../../../shared/socket-model";

/** The Python variable a lab socket stands for in transcripts: fd 5 → s5. */
export const pyName = (fd: number): string => `s${fd}`;

export function pyAddress([host, port]: Address): string {
  return `('${host}', ${port})`;
}

export function pyBytes(bytes: Uint8Array): string {
  return `b'${preview(bytes, Number.MAX_SAFE_INTEGER).replace(/'/g, "\\'")}'`;
}

export function pyBytesHex(data: HexBytes): string {
  return pyBytes(fromHex(data.hex));
}

/** How Python would show an exception: `ConnectionRefusedError: [Errno 111] Connection refused`. */
export function pyError(error: LabErrorInfo): string {
  return `${error.type}${error.errno ? ` [${error.errno}]` : ""}: ${error.message}`;
}
