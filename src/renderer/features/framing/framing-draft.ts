import { fromHex, preview, utf8 } from "../../../shared/bytes";
import { framingSchema, MAX_ASCII_WIDTH, MAX_FRAME_LIMIT, type BinaryLengthEncoding, type FramingConfig } from "../../../shared/framing";
import type { PlainKey, Translate } from "../../../shared/i18n";
import { parseData, type DataMode } from "../actions/data-input";

export const BINARY_CHOICES: readonly BinaryLengthEncoding[] = ["u16be", "u32be", "u16le", "u32le"];
export const FRAMING_CHOICES = ["newline", "nul", "custom", "ascii-separator", "ascii-width", ...BINARY_CHOICES] as const;
export type FramingChoice = (typeof FRAMING_CHOICES)[number];

/** The framing form as typed: strings until they are checked. */
export interface FramingDraft {
  readonly choice: FramingChoice;
  readonly delimiter: string;
  readonly delimiterMode: DataMode;
  readonly escape: boolean;
  readonly separator: string;
  readonly width: string;
  /** Empty: the default limit (16 MiB). */
  readonly maxFrame: string;
}

export const DEFAULT_DRAFT: FramingDraft = {
  choice: "u32be",
  delimiter: "\\r\\n",
  delimiterMode: "text",
  escape: false,
  separator: ":",
  width: "8",
  maxFrame: "",
};

export type DraftResult = { readonly ok: true; readonly config: FramingConfig } | { readonly ok: false; readonly problem: PlainKey };

function isBinary(choice: FramingChoice): choice is BinaryLengthEncoding {
  return (BINARY_CHOICES as readonly string[]).includes(choice);
}

function delimiterConfig(draft: FramingDraft): DraftResult {
  const delimiter =
    draft.choice === "newline" ? { ok: true as const, data: "\n" } : draft.choice === "nul" ? { ok: true as const, data: "\u0000" } : parseData(draft.delimiter, draft.delimiterMode);
  if (!delimiter.ok) return { ok: false, problem: delimiter.problem };
  const bytes = typeof delimiter.data === "string" ? utf8(delimiter.data) : fromHex(delimiter.data.hex);
  if (bytes.length === 0) return { ok: false, problem: "framing.emptyDelimiter" };
  if (draft.escape && bytes[0] === 0x5c) return { ok: false, problem: "framing.escapeBackslash" };
  return { ok: true, config: { kind: "delimiter", delimiter: delimiter.data, ...(draft.escape ? { escape: true } : {}) } };
}

function baseConfig(draft: FramingDraft): DraftResult {
  if (isBinary(draft.choice)) return { ok: true, config: { kind: "length-prefix", encoding: draft.choice } };
  if (draft.choice === "ascii-separator") {
    if (draft.separator === "") return { ok: false, problem: "framing.emptySeparator" };
    if (/^[0-9]/.test(draft.separator)) return { ok: false, problem: "framing.digitSeparator" };
    return { ok: true, config: { kind: "length-prefix", encoding: "ascii", separator: draft.separator } };
  }
  if (draft.choice === "ascii-width") {
    const width = Number(draft.width);
    if (!Number.isInteger(width) || width < 1 || width > MAX_ASCII_WIDTH) return { ok: false, problem: "framing.badWidth" };
    return { ok: true, config: { kind: "length-prefix", encoding: "ascii", width } };
  }
  return delimiterConfig(draft);
}

/** The draft as the contract's framing object, or the first thing wrong with it. */
export function draftToConfig(draft: FramingDraft): DraftResult {
  const base = baseConfig(draft);
  if (!base.ok) return base;
  let config = base.config;
  if (draft.maxFrame.trim() !== "") {
    const maxFrame = Number(draft.maxFrame);
    if (!Number.isInteger(maxFrame) || maxFrame < 0 || maxFrame > MAX_FRAME_LIMIT) return { ok: false, problem: "framing.badMaxFrame" };
    config = { ...config, maxFrame };
  }
  return framingSchema.safeParse(config).success ? { ok: true, config } : { ok: false, problem: "framing.badConfig" };
}

/** The form that describes `config`, to start from what the connection uses now. */
export function draftFromConfig(config: FramingConfig | null): FramingDraft {
  if (!config) return DEFAULT_DRAFT;
  const maxFrame = config.maxFrame === undefined ? "" : String(config.maxFrame);
  if (config.kind === "delimiter") {
    const text = typeof config.delimiter === "string" ? config.delimiter : null;
    const choice: FramingChoice = text === "\n" ? "newline" : text === "\u0000" ? "nul" : "custom";
    const delimiter = typeof config.delimiter === "string" ? preview(utf8(config.delimiter), 64) : config.delimiter.hex;
    return { ...DEFAULT_DRAFT, choice, delimiter, delimiterMode: text === null ? "hex" : "text", escape: config.escape ?? false, maxFrame };
  }
  if (config.encoding !== "ascii") return { ...DEFAULT_DRAFT, choice: config.encoding, maxFrame };
  if ("separator" in config) return { ...DEFAULT_DRAFT, choice: "ascii-separator", separator: config.separator, maxFrame };
  return { ...DEFAULT_DRAFT, choice: "ascii-width", width: String(config.width), maxFrame };
}

/** A short name for a framing: `u32be`, `delimiter \n`, `ASCII 5:…`, `ASCII 8 digits`. */
export function framingLabel(config: FramingConfig, t: Translate): string {
  const limit = config.maxFrame === undefined ? "" : ` ≤ ${config.maxFrame} B`;
  if (config.kind === "delimiter") {
    const bytes = typeof config.delimiter === "string" ? utf8(config.delimiter) : fromHex(config.delimiter.hex);
    const escaped = config.escape ? ` (${t("framing.escaped")})` : "";
    return `${t("framing.label.delimiter", { delimiter: preview(bytes) })}${escaped}${limit}`;
  }
  if (config.encoding !== "ascii") return `${config.encoding}${limit}`;
  if ("separator" in config) return `ASCII 5${config.separator}…${limit}`;
  return `ASCII ${"0".repeat(Math.max(0, config.width - 1))}5…${limit}`;
}
