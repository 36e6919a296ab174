import type { Data } from "../../shared/socket-model";

/** Contract data (UTF-8 text or {hex}) as the bytes that go on the wire. Node's own codecs: this is the send hot path. */
export function toBytes(data: Data): Buffer {
  return typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.hex, "hex");
}

/** Bytes as contract hex, with Node's codec (the recv hot path). */
export function hexOf(bytes: Uint8Array): string {
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)).toString("hex");
}
