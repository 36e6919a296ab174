import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../../shared/log-entry";
import { LogRing } from "../../../store/log-ring";
import { EMPTY_FILTER } from "../../../store/state/log-view";
import { compile } from "./compile";
import { parseFilter } from "./parser";
import { buildRowFilter, previewBytes } from "./row-filter";

const rows: LogEntry[] = [
  { seq: 1, t: 1000, fd: 3, kind: "socket", dir: null, src: "127.0.0.1:9000", dst: null, len: null, text: "SOCK_STREAM LISTEN", span: null, ifname: null },
  { seq: 2, t: 2000, fd: 5, kind: "data", dir: "in", src: "127.0.0.1:53112", dst: "127.0.0.1:9000", len: 5, text: "hello", span: null, ifname: null },
  { seq: 3, t: 3000, fd: 5, kind: "data", dir: "out", src: "127.0.0.1:9000", dst: "127.0.0.1:53112", len: 200, text: "GET / HTTP/1.1\\r\\n…", span: null, ifname: null },
  { seq: 4, t: 4000, fd: 5, kind: "fin", dir: "in", src: "127.0.0.1:53112", dst: "127.0.0.1:9000", len: null, text: "", span: null, ifname: null },
  { seq: 5, t: 5000, fd: 6, kind: "datagram", dir: "in", src: "10.0.0.7:51000", dst: "0.0.0.0:51000", len: 3, text: "\\x00\\xffA", span: null, ifname: null },
];

function ring(): LogRing {
  const r = new LogRing(100);
  for (const row of rows) r.push(row);
  return r;
}

/** The seqs of the rows a filter keeps. */
function keep(text: string): number[] {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(`${parsed.problem.code} at ${parsed.problem.at}`);
  const r = ring();
  const test = parsed.expr ? compile(parsed.expr) : () => true;
  return rows.map((_, abs) => abs).filter((abs) => test(r, abs)).map((abs) => r.seq(abs));
}

function problem(text: string) {
  const parsed = parseFilter(text);
  if (parsed.ok) throw new Error(`"${text}" parsed`);
  return parsed.problem;
}

describe("filter expressions", () => {
  it("the issue's example: fd, kind and length together", () => {
    expect(keep("fd == 5 && kind == data && len > 100")).toEqual([3]);
  });

  it("every comparison operator on numbers", () => {
    expect(keep("len == 5")).toEqual([2]);
    expect(keep("len != 5")).toEqual([1, 3, 4, 5]);
    expect(keep("len < 5")).toEqual([5]);
    expect(keep("len <= 5")).toEqual([2, 5]);
    expect(keep("len > 5")).toEqual([3]);
    expect(keep("len >= 3")).toEqual([2, 3, 5]);
    expect(keep("seq >= 0x4")).toEqual([4, 5]);
    expect(keep("t < 1500")).toEqual([1, 2]);
  });

  it("&& binds tighter than ||; ! and parentheses change that", () => {
    expect(keep("fd == 3 || fd == 5 && dir == out")).toEqual([1, 3]);
    expect(keep("(fd == 3 || fd == 5) && dir == out")).toEqual([3]);
    expect(keep("!(fd == 5) && !kind == socket")).toEqual([5]);
    expect(keep("not fd == 5 and kind != socket or kind == fin")).toEqual([4, 5]);
  });

  it("contains looks into text and addresses, ignoring case; addresses need no quotes", () => {
    expect(keep('text contains "http"')).toEqual([3]);
    expect(keep("src contains :53112")).toEqual([2, 4]);
    expect(keep("dst == 127.0.0.1:9000")).toEqual([2, 4]);
    expect(keep("text == 'hello'")).toEqual([2]);
  });

  it("an empty filter keeps everything", () => {
    expect(parseFilter("   ")).toEqual({ ok: true, expr: null });
  });

  it("a parse error says where and why, without throwing", () => {
    expect(problem("fd == ")).toMatchObject({ code: "expected-value", at: 6 });
    expect(problem("fdd == 5")).toMatchObject({ code: "unknown-field", at: 0, end: 3, detail: "fdd" });
    expect(problem("fd 5")).toMatchObject({ code: "expected-operator", at: 3 });
    expect(problem("fd == five")).toMatchObject({ code: "expected-number", at: 6, end: 10 });
    expect(problem("kind == dtaa")).toMatchObject({ code: "unknown-value", at: 8 });
    expect(problem("kind < data")).toMatchObject({ code: "operator-not-for-field", at: 5, detail: "<" });
    expect(problem("len contains 5")).toMatchObject({ code: "operator-not-for-field", at: 4 });
    expect(problem("(fd == 5")).toMatchObject({ code: "expected-close", at: 8 });
    expect(problem("fd == 5)")).toMatchObject({ code: "unexpected-token", at: 7 });
    expect(problem("fd == 5 fd == 6")).toMatchObject({ code: "unexpected-token", at: 8 });
    expect(problem("text contains 'abc")).toMatchObject({ code: "unterminated-string", at: 14 });
    expect(problem("fd == 5 # x")).toMatchObject({ code: "unexpected-char", at: 8, detail: "#" });
    expect(problem("&& fd == 5")).toMatchObject({ code: "expected-field", at: 0 });
  });
});

describe("the filter bar", () => {
  const filter = (change: Partial<typeof EMPTY_FILTER>) => {
    const built = buildRowFilter({ ...EMPTY_FILTER, ...change });
    const r = ring();
    return { ...built, seqs: rows.map((_, abs) => abs).filter((abs) => built.test?.(r, abs) ?? true).map((abs) => r.seq(abs)) };
  };

  it("combines socket, direction, kind, search and expression", () => {
    expect(filter({ fd: 5, dir: "in" }).seqs).toEqual([2, 4]);
    expect(filter({ kind: "datagram" }).seqs).toEqual([5]);
    expect(filter({ search: "HELLO" }).seqs).toEqual([2]);
    expect(filter({ fd: 5, expression: "len > 10" }).seqs).toEqual([3]);
  });

  it("hex search finds bytes on byte boundaries, escapes included", () => {
    expect(filter({ search: "00 ff", searchHex: true }).seqs).toEqual([5]);
    expect(filter({ search: "0d0a", searchHex: true }).seqs).toEqual([3]);
    expect(filter({ search: "0ff4", searchHex: true }).seqs).toEqual([]);
    expect(filter({ search: "abc", searchHex: true }).badHex).toBe(true);
  });

  it("a broken expression is reported and the rest still filters", () => {
    const result = filter({ fd: 6, expression: "len >" });
    expect(result.problem?.code).toBe("expected-value");
    expect(result.seqs).toEqual([5]);
  });

  it("reads previews back into bytes", () => {
    expect([...previewBytes("a\\n\\x00\\\\b…")]).toEqual([0x61, 0x0a, 0x00, 0x5c, 0x62]);
  });
});
