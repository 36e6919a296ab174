import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import { stepSchema } from "../../shared/scenario";
import { currentStep } from "./current-step";
import { lessonsReducer } from "./lessons-slice";
import { createLabStore } from "./store";

const closed = (seq: number, fd = 3): LabEvent => ({ type: "closed", seq, t: seq, fd });

describe("lesson player state", () => {
  it("collects the current run's chart events only, from the seq the run started at", () => {
    const store = createLabStore();
    expect(lessonsReducer([closed(5)], store.getState())).toBeNull();
    store.setState({ chart: { from: 10, events: [], trimmed: 0, names: [] } });
    const change = lessonsReducer([closed(9), closed(11), { type: "readiness", seq: 12, t: 12, fd: 3, watcher: 1, revents: 1, previous: 0 }], store.getState());
    expect(change?.chart?.events.map((e) => e.seq)).toEqual([11]);
  });

  it("shows the step waiting for a prediction, else the one that ran last", () => {
    const steps = [stepSchema.parse({ op: "socket", as: "a" }), stepSchema.parse({ op: "close", sock: "a" })];
    const playing = { kind: "file" as const, name: "x", title: null, scenario: { name: "x", steps } };
    const line = { step: 1, op: "socket" as const, ok: true as const, value: null };
    expect(currentStep({ playing, position: 0, pending: false, lines: [] })).toMatchObject({ index: -1, step: null, done: false });
    expect(currentStep({ playing, position: 1, pending: false, lines: [line] })).toMatchObject({ index: 0, line, pending: false });
    expect(currentStep({ playing, position: 1, pending: true, lines: [line] })).toMatchObject({ index: 1, step: steps[1], line: null });
    expect(currentStep({ playing, position: 2, pending: false, lines: [line, { ...line, step: 2, op: "close" }] })).toMatchObject({ done: true });
  });
});
