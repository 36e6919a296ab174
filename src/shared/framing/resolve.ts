import { fromHex, utf8 } from "../bytes";
import { DEFAULT_MAX_FRAME, framingSchema, type BinaryLengthEncoding, type FramingConfig } from "./config";

/** A config reduced to the bytes and numbers the codecs work with. */
export type ResolvedFraming =
  | { readonly kind: "delimiter"; readonly delimiter: Uint8Array; readonly escape: boolean; readonly maxFrame: number }
  | { readonly kind: "binary"; readonly encoding: BinaryLengthEncoding; readonly maxFrame: number }
  | { readonly kind: "ascii-separator"; readonly separator: Uint8Array; readonly maxFrame: number }
  | { readonly kind: "ascii-width"; readonly width: number; readonly maxFrame: number };

// encodeFrame may run once per message with the same config object; validating
// and converting it each time would dominate small frames.
const cache = new WeakMap<FramingConfig, ResolvedFraming>();

/** Validates `config` (throws TypeError with the schema's sentence) and resolves it. */
export function resolveFraming(config: FramingConfig): ResolvedFraming {
  const hit = cache.get(config);
  if (hit) return hit;
  const parsed = framingSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
    throw new TypeError(`invalid framing: ${issue?.message ?? "bad config"}${where}`);
  }
  const c = parsed.data;
  const maxFrame = c.maxFrame ?? DEFAULT_MAX_FRAME;
  let resolved: ResolvedFraming;
  if (c.kind === "delimiter") {
    const delimiter = typeof c.delimiter === "string" ? utf8(c.delimiter) : fromHex(c.delimiter.hex);
    resolved = { kind: "delimiter", delimiter, escape: c.escape === true, maxFrame };
  } else if (c.encoding !== "ascii") {
    resolved = { kind: "binary", encoding: c.encoding, maxFrame };
  } else {
    // An explicit `separator: undefined` next to a width is valid input, so test values, not keys.
    const { separator, width } = c as { separator?: string; width?: number };
    resolved =
      separator !== undefined
        ? { kind: "ascii-separator", separator: utf8(separator), maxFrame }
        : { kind: "ascii-width", width: width!, maxFrame };
  }
  cache.set(config, resolved);
  return resolved;
}
