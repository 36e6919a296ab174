import { describe, expect, it } from "vitest";
import type { HostLogRow } from "../../../shared/hosts";
import { compile } from "../log/filter/compile";
import { parseFilter } from "../log/filter/parser";
import { timelineColumns } from "./timeline-filter";

const row = (i: number, host: string, kind: HostLogRow["kind"], t: number): HostLogRow => ({ i, host, t, hostT: t, uncertainty: 0, seq: i + 1, fd: 3, kind, dir: "in", src: null, dst: null, len: 9, text: "Hi there!", span: null, ifname: "lo" });

/** The rows of `rows` an expression keeps, by index. */
function kept(expression: string, rows: readonly HostLogRow[]): number[] {
  const parsed = parseFilter(expression);
  if (!parsed.ok || !parsed.expr) throw new Error(`does not parse: ${expression}`);
  const test = compile(parsed.expr);
  const columns = timelineColumns(rows);
  return rows.flatMap((r, i) => (test(columns, i) ? [r.i] : []));
}

describe("the log's filter language over the Hosts timeline", () => {
  const rows = [row(0, "local", "socket", 1_000), row(1, "b", "broadcast", 2_000), row(2, "c", "broadcast", 3_000), row(3, "c", "close", 4_000)];

  it("has a host field: host == \"b\", and with the other fields", () => {
    expect(kept('host == "b"', rows)).toEqual([1]);
    expect(kept("host == c && kind == broadcast", rows)).toEqual([2]);
    expect(kept('host != "local"', rows)).toEqual([1, 2, 3]);
    expect(kept("host contains o", rows)).toEqual([0]);
    // t counts from the first row, as in the log.
    expect(kept("t >= 2000", rows)).toEqual([2, 3]);
  });

  it("refuses to order hosts (a string field) and names the fields, host among them", () => {
    const parsed = parseFilter("host > b");
    expect(parsed.ok).toBe(false);
    const unknown = parseFilter("hots == b");
    expect(unknown.ok ? null : unknown.problem.code).toBe("unknown-field");
  });
});
