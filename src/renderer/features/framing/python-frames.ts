import { fromHex, utf8 } from "../../../shared/bytes";
import type { FramingConfig } from "../../../shared/framing";
import { escapeMarker } from "../../../shared/framing/escape";
import { pyBytes, pyName } from "../console/python";

const STRUCT_FORMAT = { u16be: "!H", u32be: "!I", u16le: "<H", u32le: "<I" } as const;

/** The Python expression that makes the message: what was typed as a literal, a generated one by how it was made. */
export function pyMessage(payload: Uint8Array, generated: boolean): string {
  if (generated) {
    const times = Math.ceil(payload.length / GENERATED_PATTERN.length);
    return `(${pyBytes(utf8(GENERATED_PATTERN))} * ${times})[:${payload.length}]`;
  }
  return pyBytes(payload);
}

/** What the composer fills a message of N bytes with: readable, and a shift shows where a piece starts. */
export const GENERATED_PATTERN = "abcdefghijklmnopqrstuvwxyz";

export function generatedPayload(size: number): Uint8Array {
  const pattern = utf8(GENERATED_PATTERN);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = pattern[i % pattern.length]!;
  return out;
}

/** One frame of `msg` on the wire, as a standard-library Python expression. */
export function pyFrame(config: FramingConfig, msg = "msg"): string {
  if (config.kind === "delimiter") {
    const delimiter = typeof config.delimiter === "string" ? utf8(config.delimiter) : fromHex(config.delimiter.hex);
    if (!config.escape) return `${msg} + ${pyBytes(delimiter)}`;
    const first = delimiter[0]!;
    const escaped = `${msg}.replace(b'\\\\', b'\\\\\\\\').replace(${pyBytes(Uint8Array.of(first))}, ${pyBytes(Uint8Array.of(0x5c, escapeMarker(first)))})`;
    return `${escaped} + ${pyBytes(delimiter)}`;
  }
  if (config.encoding !== "ascii") return `struct.pack('${STRUCT_FORMAT[config.encoding]}', len(${msg})) + ${msg}`;
  if ("separator" in config) return `str(len(${msg})).encode() + ${pyBytes(utf8(config.separator))} + ${msg}`;
  return `b'%0${config.width}d' % len(${msg}) + ${msg}`;
}

export interface FramedSendLines {
  /** Sets up `msg` (and `frame`, when the frame is cut or repeated). */
  readonly setup: string;
  /** One line per write. */
  readonly writes: readonly string[];
}

/** The Python for one framed message sent whole, cut into parts with pauses, or repeated in one write. */
export function pyFramedSend(
  fd: number,
  config: FramingConfig,
  msgExpression: string,
  plan: { readonly kind: "one" } | { readonly kind: "split"; readonly cuts: readonly number[]; readonly delaySeconds: number } | { readonly kind: "coalesce"; readonly count: number },
): FramedSendLines {
  const sock = pyName(fd);
  if (plan.kind === "one") return { setup: `msg = ${msgExpression}`, writes: [`${sock}.sendall(${pyFrame(config)})`] };
  const setup = `msg = ${msgExpression}; frame = ${pyFrame(config)}`;
  if (plan.kind === "coalesce") return { setup, writes: [`${sock}.sendall(frame * ${plan.count})`] };
  const writes = plan.cuts.slice(0, -1).map((from, i) => {
    const to = plan.cuts[i + 1]!;
    const write = `${sock}.sendall(frame[${from}:${to}])`;
    return i === 0 ? write : `time.sleep(${plan.delaySeconds}); ${write}`;
  });
  return { setup, writes };
}

/** Where to cut `length` bytes into `parts` nearly equal pieces: [0, …, length]. */
export function cutPoints(length: number, parts: number): number[] {
  const n = Math.max(1, Math.min(parts, length));
  const size = Math.ceil(length / n);
  const cuts = [0];
  for (let at = size; at < length; at += size) cuts.push(at);
  cuts.push(length);
  return cuts;
}
