import type { StateCreator } from "zustand";
import { validateScenario, type ScenarioInput, type Step } from "../../shared/scenario";
import type { LabState } from "./state/lab-state";
import { stepsFor, type Froms, type Named } from "./to-step";
import type { Recording, RecordingSlice } from "./state/recording";

/** Scenario format v1 holds at most this many steps; past it the recording stops growing. */
export const RECORDING_CAPACITY = 10_000;

const EMPTY: Recording = { steps: [], named: new Map(), froms: new Map(), left: {}, overflow: 0, sealed: false };

/** The recording with `steps` appended, as far as its capacity allows; what does not fit is counted. */
function appended(recording: Recording, steps: readonly Step[], named: Named, froms: Froms): Recording {
  const room = recording.sealed ? 0 : RECORDING_CAPACITY - recording.steps.length;
  const kept = steps.slice(0, room);
  return { ...recording, steps: kept.length > 0 ? [...recording.steps, ...kept] : recording.steps, named, froms, overflow: recording.overflow + steps.length - kept.length };
}

export const createRecordingSlice: StateCreator<LabState, [], [], RecordingSlice> = (set, get) => ({
  recording: EMPTY,
  record: (call, sockets) => {
    const { recording, sockets: now } = get();
    const { steps, named, froms, left } = stepsFor(call, { named: recording.named, froms: recording.froms, sockets: new Map([...sockets, ...now]) });
    if (left) get().recordLeft(left);
    else if (steps.length > 0) set({ recording: appended(recording, steps, named, froms) });
  },
  recordLeft: (what) => {
    const { recording } = get();
    set({ recording: { ...recording, left: { ...recording.left, [what]: (recording.left[what] ?? 0) + 1 } } });
  },
  recordPause: (seconds) => {
    const { recording } = get();
    set({ recording: appended(recording, [{ op: "sleep", seconds }], recording.named, recording.froms) });
  },
  clearRecording: () => set({ recording: EMPTY }),
});

export type RecordedScenario = { readonly ok: true; readonly scenario: ScenarioInput } | { readonly ok: false; readonly problem: string };

/** A parsed step in the form the schema takes: parsing widens only SO_LINGER's l_onoff (0/1) to a number. */
function asInput(step: Step): ScenarioInput["steps"][number] {
  if (step.op !== "setsockopt") return step;
  const value = step.value;
  return { ...step, value: typeof value === "number" ? value : [value[0] === 0 ? 0 : 1, value[1]] };
}

/**
 * The recording as a scenario file, checked as the Lab will check it: a
 * recording cleared while sockets were open refers to names no step created.
 */
export function recordedScenario(name: string, steps: readonly Step[]): RecordedScenario {
  const checked = validateScenario({ name, steps });
  if (!checked.ok) return { ok: false, problem: checked.error.message };
  return { ok: true, scenario: { name: checked.scenario.name, steps: checked.scenario.steps.map(asInput) } };
}
