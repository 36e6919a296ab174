import type { LogRing } from "../../../store/log-ring";
import type { Expr } from "./parser";

/** The columns a filter reads, by row: the log's ring, or the Hosts view's timeline (which adds each row's host). */
export type RowColumns = Pick<LogRing, "t0" | "seq" | "t" | "fd" | "len" | "kind" | "dir" | "src" | "dst" | "text"> & { host(abs: number): string };

/** A row test over the columns: no row object is built to test it. */
export type RowTest = (ring: RowColumns, abs: number) => boolean;

function read(field: Extract<Expr, { type: "compare" }>["field"]): (ring: RowColumns, abs: number) => number | string | null {
  switch (field) {
    case "seq":
      return (ring, abs) => ring.seq(abs);
    case "t":
      return (ring, abs) => ring.t(abs) - ring.t0;
    case "fd":
      return (ring, abs) => ring.fd(abs);
    case "host":
      return (ring, abs) => ring.host(abs);
    case "len":
      return (ring, abs) => ring.len(abs);
    case "kind":
      return (ring, abs) => ring.kind(abs);
    case "dir":
      return (ring, abs) => ring.dir(abs);
    case "src":
      return (ring, abs) => ring.src(abs);
    case "dst":
      return (ring, abs) => ring.dst(abs);
    case "text":
      return (ring, abs) => ring.text(abs);
  }
}

/**
 * Turns a parsed filter into a row test. A field a row does not have (no
 * length on a FIN, no direction on a state change) equals nothing, so only
 * `!=` holds for it, as in SQL's three-valued logic seen from outside.
 */
export function compile(expr: Expr): RowTest {
  switch (expr.type) {
    case "and": {
      const left = compile(expr.left);
      const right = compile(expr.right);
      return (ring, abs) => left(ring, abs) && right(ring, abs);
    }
    case "or": {
      const left = compile(expr.left);
      const right = compile(expr.right);
      return (ring, abs) => left(ring, abs) || right(ring, abs);
    }
    case "not": {
      const operand = compile(expr.operand);
      return (ring, abs) => !operand(ring, abs);
    }
    case "compare": {
      const get = read(expr.field);
      const want = expr.value;
      switch (expr.op) {
        case "==":
          return (ring, abs) => get(ring, abs) === want;
        case "!=":
          return (ring, abs) => get(ring, abs) !== want;
        case "contains": {
          const needle = String(want).toLowerCase();
          return (ring, abs) => {
            const value = get(ring, abs);
            return value !== null && String(value).toLowerCase().includes(needle);
          };
        }
        case "<":
          return (ring, abs) => compareNumber(get(ring, abs), want, (a, b) => a < b);
        case ">":
          return (ring, abs) => compareNumber(get(ring, abs), want, (a, b) => a > b);
        case "<=":
          return (ring, abs) => compareNumber(get(ring, abs), want, (a, b) => a <= b);
        case ">=":
          return (ring, abs) => compareNumber(get(ring, abs), want, (a, b) => a >= b);
      }
    }
  }
}

function compareNumber(value: number | string | null, want: number | string, test: (a: number, b: number) => boolean): boolean {
  return typeof value === "number" && typeof want === "number" && test(value, want);
}
