import { LOG_KINDS } from "../../../../shared/log-entry";
import { tokenize, type Token } from "./lexer";

/**
 * The log's filter language, e.g. `fd == 5 && kind == data && len > 100`:
 * comparisons of a field with a value, joined by && (and), || (or), !
 * (not) and parentheses. Parsing never throws: a problem comes back with
 * where it is (character offsets) and a code that says why.
 */

export const FIELDS = {
  seq: "number",
  /** µs since the first row of the log, as the time column shows it. */
  t: "number",
  fd: "number",
  /** The host a row happened on: `local` for this Lab (every row of the log), a paired host's name in the Hosts view. */
  host: "string",
  len: "number",
  kind: "enum",
  dir: "enum",
  src: "string",
  dst: "string",
  text: "string",
} as const;
export type Field = keyof typeof FIELDS;

export const ENUM_VALUES: Readonly<Record<"kind" | "dir", readonly string[]>> = { kind: LOG_KINDS, dir: ["in", "out"] };

export type Operator = "==" | "!=" | "<" | ">" | "<=" | ">=" | "contains";

export type Expr =
  | { readonly type: "and" | "or"; readonly left: Expr; readonly right: Expr }
  | { readonly type: "not"; readonly operand: Expr }
  | { readonly type: "compare"; readonly field: Field; readonly op: Operator; readonly value: number | string };

export type ProblemCode =
  | "unexpected-char"
  | "unterminated-string"
  | "expected-field"
  | "unknown-field"
  | "expected-operator"
  | "expected-value"
  | "operator-not-for-field"
  | "expected-number"
  | "unknown-value"
  | "expected-close"
  | "unexpected-token";

export interface Problem {
  readonly code: ProblemCode;
  /** Offsets of the text at fault, for a caret or an underline. */
  readonly at: number;
  readonly end: number;
  /** The word at fault, or what would have been allowed. */
  readonly detail: string;
}

export type ParseResult = { readonly ok: true; readonly expr: Expr | null } | { readonly ok: false; readonly problem: Problem };

class Failure {
  constructor(readonly problem: Problem) {}
}

const ORDERING: ReadonlySet<Operator> = new Set(["<", ">", "<=", ">="]);

/** Parses a filter; empty text is a filter that keeps everything (expr null). */
export function parseFilter(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return { ok: false, problem: lexed.problem };
  const tokens = lexed.tokens;
  if (tokens.length === 1) return { ok: true, expr: null };
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const take = (): Token => tokens[pos++]!;
  const fail = (code: ProblemCode, token: Token, detail = shown(text, token)): never => {
    throw new Failure({ code, at: token.at, end: Math.max(token.end, token.at + 1), detail });
  };

  const or = (): Expr => {
    let left = and();
    while (peek().type === "or") {
      take();
      left = { type: "or", left, right: and() };
    }
    return left;
  };
  const and = (): Expr => {
    let left = unary();
    while (peek().type === "and") {
      take();
      left = { type: "and", left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (peek().type === "not") {
      take();
      return { type: "not", operand: unary() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const open = peek();
    if (open.type === "(") {
      take();
      const inner = or();
      const close = peek();
      if (close.type !== ")") fail("expected-close", close);
      take();
      return inner;
    }
    return comparison();
  };
  const comparison = (): Expr => {
    const name = take();
    if (name.type !== "word") return fail("expected-field", name);
    if (!Object.hasOwn(FIELDS, name.value)) return fail("unknown-field", name, name.value);
    const field = name.value as Field;
    const op = take();
    if (op.type !== "op") return fail("expected-operator", op);
    const valueToken = take();
    if (valueToken.type !== "word" && valueToken.type !== "string" && valueToken.type !== "number") return fail("expected-value", valueToken);
    const kind = FIELDS[field];
    if (kind !== "string" && op.value === "contains") fail("operator-not-for-field", op, op.value);
    if (kind !== "number" && ORDERING.has(op.value)) fail("operator-not-for-field", op, op.value);
    if (kind === "number") {
      if (valueToken.type !== "number") fail("expected-number", valueToken);
      return { type: "compare", field, op: op.value, value: valueToken.value as number };
    }
    const value = valueToken.type === "number" ? valueToken.text : (valueToken.value as string);
    if (kind === "enum") {
      const allowed = ENUM_VALUES[field as "kind" | "dir"];
      if (!allowed.includes(value.toLowerCase())) fail("unknown-value", valueToken, allowed.join(", "));
      return { type: "compare", field, op: op.value, value: value.toLowerCase() };
    }
    return { type: "compare", field, op: op.value, value };
  };

  try {
    const expr = or();
    const rest = peek();
    if (rest.type !== "end") fail("unexpected-token", rest);
    return { ok: true, expr };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** The token's own text, or nothing at the end of the input. */
function shown(text: string, token: Token): string {
  return token.type === "end" ? "" : text.slice(token.at, token.end);
}
