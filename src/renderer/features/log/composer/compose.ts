import { isHex, utf8 } from "../../../../shared/bytes";
import { unescapeInto } from "../../../../shared/escapes";

/**
 * The composer's payload language. Text takes Python's escapes (`\n`, `\r`,
 * `\t`, `\0`, `\\`, `\'`, `\"`, `\xNN`) and is sent as UTF-8; hex takes
 * pairs of digits, spaces allowed. Both take macros, expanded per send:
 * `{{COUNTER}}` (1, 2, 3, … in decimal), `{{TIME}}` (HH:MM:SS.mmm, local)
 * and `{{RANDOM:n}}` (n random letters and digits in text, n random bytes in
 * hex). Macro output is never read as escapes or hex: it is what it says.
 */

export type ComposeMode = "text" | "hex";

export interface MacroContext {
  /** 1 for the first send of a repeat. */
  readonly counter: number;
  readonly now: Date;
  /** n random bytes. */
  readonly random: (n: number) => Uint8Array;
}

export type ComposeProblem = "badEscape" | "badHex" | "badMacro" | "badRandom";

export type Composed =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: ComposeProblem; readonly at: number; readonly detail: string };

const MACRO = /\{\{([A-Z]+)(?::(\d+))?\}\}/g;
const MAX_RANDOM = 65_536;

/** The macros as a person types them, for the hints and problems that name them (the catalogs' own braces are placeholders). */
export const MACROS = { counter: "{{COUNTER}}", time: "{{TIME}}", random: "{{RANDOM:n}}" } as const;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Whether each send of this template may differ (so a repeat must be driven send by send). */
export function hasMacros(template: string): boolean {
  return /\{\{[A-Z]+(?::\d+)?\}\}/.test(template);
}

class Problem {
  constructor(
    readonly problem: ComposeProblem,
    readonly at: number,
    readonly detail: string,
  ) {}
}

export function compose(template: string, mode: ComposeMode, ctx: MacroContext): Composed {
  const out: number[] = [];
  let from = 0;
  try {
    for (const match of template.matchAll(MACRO)) {
      literal(template.slice(from, match.index), from, mode, out);
      macro(match[1]!, match[2], match.index, mode, ctx, out);
      from = match.index + match[0].length;
    }
    literal(template.slice(from), from, mode, out);
  } catch (err) {
    if (err instanceof Problem) return { ok: false, problem: err.problem, at: err.at, detail: err.detail };
    throw err;
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

function macro(name: string, arg: string | undefined, at: number, mode: ComposeMode, ctx: MacroContext, out: number[]): void {
  const text = (value: string) => out.push(...utf8(value));
  if (name === "COUNTER" && arg === undefined) return void text(String(ctx.counter));
  if (name === "TIME" && arg === undefined) return void text(clock(ctx.now));
  if (name === "RANDOM" && arg !== undefined) {
    const n = Number(arg);
    if (n < 1 || n > MAX_RANDOM) throw new Problem("badRandom", at, arg);
    const random = ctx.random(n);
    if (mode === "hex") out.push(...random);
    else for (const b of random) out.push(ALPHANUMERIC.charCodeAt(b % ALPHANUMERIC.length));
    return;
  }
  throw new Problem("badMacro", at, `{{${name}${arg === undefined ? "" : `:${arg}`}}}`);
}

function literal(part: string, offset: number, mode: ComposeMode, out: number[]): void {
  if (mode === "hex") {
    const hex = part.replace(/\s+/g, "");
    if (!isHex(hex)) throw new Problem("badHex", offset, part.trim());
    for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
    return;
  }
  const bad = unescapeInto(part, out);
  if (bad !== -1) throw new Problem("badEscape", offset + bad, part.slice(bad, bad + 4));
}

function clock(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}.${String(now.getMilliseconds()).padStart(3, "0")}`;
}

/** For showing what a send will look like: counter 1, the time now, and "random" bytes that stay put while the page redraws. */
export function previewContext(): MacroContext {
  return { counter: 1, now: new Date(), random: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 251) };
}

/** Random bytes from the page's CSPRNG. */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
