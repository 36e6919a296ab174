/** Tokens of the filter language; `at`/`end` are character offsets into the typed text. */
export type Token =
  | { readonly type: "op"; readonly value: "==" | "!=" | "<" | ">" | "<=" | ">=" | "contains"; readonly at: number; readonly end: number }
  | { readonly type: "and" | "or" | "not" | "(" | ")"; readonly at: number; readonly end: number }
  | { readonly type: "number"; readonly value: number; readonly text: string; readonly at: number; readonly end: number }
  | { readonly type: "string"; readonly value: string; readonly at: number; readonly end: number }
  | { readonly type: "word"; readonly value: string; readonly at: number; readonly end: number }
  | { readonly type: "end"; readonly at: number; readonly end: number };

export interface SyntaxProblem {
  readonly code: "unexpected-char" | "unterminated-string";
  readonly at: number;
  readonly end: number;
  readonly detail: string;
}

/** Letters, digits and the characters of addresses (`127.0.0.1:9000`, `[::1]:80`), so they need no quotes. */
const WORD = /[A-Za-z0-9_.:[\]-]/;
const NUMBER = /^-?(0x[0-9a-fA-F]+|\d+(\.\d+)?)$/;
const KEYWORDS: Readonly<Record<string, "and" | "or" | "not" | "contains">> = { and: "and", or: "or", not: "not", contains: "contains" };

/** Splits the text into tokens, or says where the first character that belongs to no token is. */
export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; problem: SyntaxProblem } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "&&" || two === "||") {
      tokens.push({ type: two === "&&" ? "and" : "or", at: i, end: i + 2 });
      i += 2;
    } else if (two === "==" || two === "!=" || two === "<=" || two === ">=") {
      tokens.push({ type: "op", value: two, at: i, end: i + 2 });
      i += 2;
    } else if (c === "<" || c === ">") {
      tokens.push({ type: "op", value: c, at: i, end: i + 1 });
      i++;
    } else if (c === "=") {
      // A single = is what people type first; it means the same.
      tokens.push({ type: "op", value: "==", at: i, end: i + 1 });
      i++;
    } else if (c === "!") {
      tokens.push({ type: "not", at: i, end: i + 1 });
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: c, at: i, end: i + 1 });
      i++;
    } else if (c === '"' || c === "'") {
      const read = readString(text, i);
      if (!read.ok) return { ok: false, problem: { code: "unterminated-string", at: i, end: text.length, detail: c } };
      tokens.push({ type: "string", value: read.value, at: i, end: read.end });
      i = read.end;
    } else if (WORD.test(c)) {
      let end = i;
      while (end < text.length && WORD.test(text[end]!)) end++;
      const word = text.slice(i, end);
      const keyword = KEYWORDS[word.toLowerCase()];
      if (keyword === "contains") tokens.push({ type: "op", value: "contains", at: i, end });
      else if (keyword) tokens.push({ type: keyword, at: i, end });
      else if (NUMBER.test(word)) tokens.push({ type: "number", value: Number(word), text: word, at: i, end });
      else tokens.push({ type: "word", value: word, at: i, end });
      i = end;
    } else {
      return { ok: false, problem: { code: "unexpected-char", at: i, end: i + 1, detail: c } };
    }
  }
  tokens.push({ type: "end", at: text.length, end: text.length });
  return { ok: true, tokens };
}

/** A quoted string; a backslash keeps the next character as it is. */
function readString(text: string, from: number): { ok: true; value: string; end: number } | { ok: false } {
  const quote = text[from]!;
  let value = "";
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return { ok: true, value, end: i + 1 };
    if (c === "\\" && i + 1 < text.length) value += text[++i]!;
    else value += c;
  }
  return { ok: false };
}
