import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../../shared/log-entry";
import { LogRing } from "../../../store/log-ring";
import { LogView } from "./log-view";

const row = (seq: number): LogEntry => ({ seq, t: seq, fd: seq % 3, kind: "data", dir: "in", src: null, dst: null, len: seq, text: "", span: null, ifname: null });
const all = (view: LogView): number[] => Array.from({ length: view.length }, (_, i) => view.at(i));

describe("filtered view", () => {
  it("tests only new rows on each update and forgets rows the ring dropped", () => {
    const ring = new LogRing(10);
    let tested = 0;
    const view = new LogView((r, abs) => {
      tested++;
      return r.fd(abs) === 0;
    });
    for (let seq = 1; seq <= 6; seq++) ring.push(row(seq));
    expect(view.update(ring)).toBe(0);
    expect(all(view).map((abs) => ring.seq(abs))).toEqual([3, 6]);
    expect(tested).toBe(6);
    for (let seq = 7; seq <= 14; seq++) ring.push(row(seq));
    // Rows 1..4 left the ring; row 3 was in the view.
    expect(view.update(ring)).toBe(1);
    expect(tested).toBe(14);
    expect(all(view).map((abs) => ring.seq(abs))).toEqual([6, 9, 12]);
    expect(view.indexOf(ring.findSeq(9))).toBe(1);
    expect(view.indexOf(ring.findSeq(10))).toBe(-1);
  });

  it("without a filter it is the ring itself", () => {
    const ring = new LogRing(4);
    const view = new LogView(null);
    for (let seq = 1; seq <= 3; seq++) ring.push(row(seq));
    view.update(ring);
    expect(view.length).toBe(3);
    for (let seq = 4; seq <= 6; seq++) ring.push(row(seq));
    expect(view.update(ring)).toBe(2);
    expect(all(view).map((abs) => ring.seq(abs))).toEqual([3, 4, 5, 6]);
  });

  it("a long scan stops at its deadline and resumes where it stopped", () => {
    const ring = new LogRing(100_000);
    for (let seq = 1; seq <= 100_000; seq++) ring.push(row(seq));
    const view = new LogView((r, abs) => r.len(abs)! % 2 === 0);
    view.update(ring, 0);
    expect(view.complete(ring)).toBe(false);
    expect(view.length).toBeLessThan(50_000);
    while (!view.complete(ring)) view.update(ring, 0);
    expect(view.length).toBe(50_000);
    expect(ring.seq(view.at(49_999))).toBe(100_000);
  });

  it("grows and compacts its index without losing order", () => {
    const ring = new LogRing(3000);
    const view = new LogView(() => true);
    for (let seq = 1; seq <= 20_000; seq++) {
      ring.push(row(seq));
      if (seq % 700 === 0) view.update(ring);
    }
    view.update(ring);
    expect(view.length).toBe(3000);
    expect(all(view)).toEqual(Array.from({ length: 3000 }, (_, i) => 17_000 + i));
  });
});
