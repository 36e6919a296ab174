import { describe, expect, it } from "vitest";
import { LESSONS } from "../../../main/lessons";
import { stepSchema, type Step } from "../../../shared/scenario";
import { predictChoices, type Choice } from "./predict";

const step = (raw: unknown): Step => stepSchema.parse(raw);
const labels = (choices: Choice[] | null) =>
  (choices ?? []).map((c) => `${c.correct ? "✓" : "✗"} ${c.outcome.kind === "blocks" ? "blocks" : `${c.outcome.kind} ${c.outcome.code}`}`).sort();

describe("predict: choices before a step runs", () => {
  it("asks nothing about a step without an expectation", () => {
    expect(predictChoices(step({ op: "socket", as: "s" }), 1)).toBeNull();
  });

  it("offers the broadcast's EACCES against success and the other error", () => {
    const s = step({ op: "sendto", sock: "tx", data: "Hi there!", address: ["127.255.255.255", 9], expect: { error: "EACCES" } });
    expect(labels(predictChoices(s, 12))).toEqual(["✓ error PermissionError [EACCES]", "✗ error OSError [ENETUNREACH]", "✗ value 9"]);
  });

  it("offers b'' at end of stream against blocking and a reset", () => {
    const s = step({ op: "recv", sock: "conn", bufsize: 1024, expect: { value: { hex: "" } } });
    expect(labels(predictChoices(s, 10))).toEqual(["✓ value b''", "✗ blocks", "✗ error ConnectionResetError [ECONNRESET]"]);
  });

  it("offers poll's revents against a flag more or less", () => {
    const s = step({ op: "poll", register: [["s2", ["POLLIN", "POLLOUT"]]], timeout: 0, expect: { value: [["s2", 5]] } });
    const choices = labels(predictChoices(s, 26));
    expect(choices).toHaveLength(4);
    expect(choices).toContain("✓ value [(s2.fileno(), 5)]  # s2: POLLIN | POLLOUT");
    expect(choices).toContain("✗ value [(s2.fileno(), 21)]  # s2: POLLIN | POLLOUT | POLLHUP");
  });

  it("gives every expecting step of every lesson 2–4 distinct choices, exactly one right, in a stable order", () => {
    for (const lesson of LESSONS) {
      lesson.scenario.steps.forEach((s, i) => {
        const choices = predictChoices(s, i + 1);
        if (!s.expect) return expect(choices).toBeNull();
        expect(choices!.length, `${lesson.name} step ${i + 1}`).toBeGreaterThanOrEqual(2);
        expect(choices!.length).toBeLessThanOrEqual(4);
        expect(choices!.filter((c) => c.correct)).toHaveLength(1);
        expect(new Set(labels(choices)).size).toBe(choices!.length);
        expect(predictChoices(s, i + 1)).toEqual(choices);
      });
    }
  });
});
