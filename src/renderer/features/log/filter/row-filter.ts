import { isHex, toHex } from "../../../../shared/bytes";
import type { LogFilterDraft } from "../../../store/state/log-view";
import { compile, type RowTest } from "./compile";
import { parseFilter, type Problem } from "./parser";

export interface RowFilter {
  /** Null keeps every row. */
  readonly test: RowTest | null;
  /** What is wrong with the expression; the rest of the filter still applies. */
  readonly problem: Problem | null;
  /** The hex search is not pairs of hex digits (it is then ignored). */
  readonly badHex: boolean;
}

const ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, "\\": 0x5c };

/**
 * The bytes behind a preview (the Lab escapes them as Python prints bytes):
 * hex search looks at these, the first bytes of each payload, without
 * fetching anything from the Lab.
 */
export function previewBytes(preview: string): Uint8Array {
  const out: number[] = [];
  const text = preview.endsWith("…") ? preview.slice(0, -1) : preview;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\" || i + 1 >= text.length) {
      out.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const next = text[i + 1]!;
    if (next in ESCAPES) {
      out.push(ESCAPES[next]!);
      i++;
    } else if (next === "x" && i + 3 < text.length) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      out.push(0x5c);
    }
  }
  return Uint8Array.from(out);
}

/** Whether hex digits occur in the bytes, on a byte boundary. */
function containsHex(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) if (at % 2 === 0) return true;
  return false;
}

/** Combines the filter bar's fields and expression into one row test. */
export function buildRowFilter(draft: LogFilterDraft): RowFilter {
  const tests: RowTest[] = [];
  const { fd, dir, kind } = draft;
  if (fd !== null) tests.push((ring, abs) => ring.fd(abs) === fd);
  if (dir !== null) tests.push((ring, abs) => ring.dir(abs) === dir);
  if (kind !== null) tests.push((ring, abs) => ring.kind(abs) === kind);

  let badHex = false;
  const search = draft.search.trim();
  if (search !== "" && draft.searchHex) {
    const needle = search.replace(/\s+/g, "").toLowerCase();
    if (isHex(needle) && needle !== "") tests.push((ring, abs) => containsHex(toHex(previewBytes(ring.text(abs))), needle));
    else badHex = true;
  } else if (search !== "") {
    const needle = search.toLowerCase();
    tests.push((ring, abs) => ring.text(abs).toLowerCase().includes(needle));
  }

  const parsed = parseFilter(draft.expression);
  if (parsed.ok && parsed.expr) tests.push(compile(parsed.expr));
  const problem = parsed.ok ? null : parsed.problem;

  const test: RowTest | null = tests.length === 0 ? null : tests.length === 1 ? tests[0]! : (ring, abs) => tests.every((one) => one(ring, abs));
  return { test, problem, badHex };
}
