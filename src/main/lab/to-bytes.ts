import { fromHex, utf8 } from "../../shared/bytes";
import type { Data } from "../../shared/socket-model";

/** Contract data (UTF-8 text or {hex}) as the bytes that go on the wire. */
export function toBytes(data: Data): Buffer {
  return Buffer.from(typeof data === "string" ? utf8(data) : fromHex(data.hex));
}
