import type { StateCreator } from "zustand";
import { validateScenario, type ScenarioInput, type Step } from "../../shared/scenario";
import type { SocketSnapshot } from "../../shared/socket-model";
import type { AnsweredCall } from "../api/calls";
import type { LabState } from "./store";
import { stepsFor, type Named } from "./to-step";

/** Scenario format v1 holds at most this many steps; past it the recording stops growing. */
export const RECORDING_CAPACITY = 10_000;

export interface Recording {
  readonly steps: readonly Step[];
  readonly named: Named;
  /** Calls made but not held, by command (see `stepsFor`): shown beside the recording, never silent. */
  readonly left: Readonly<Record<string, number>>;
  /** Steps that came after the recording was full. */
  readonly overflow: number;
  /**
   * Full before its capacity: a reload kept only its first steps (storage is
   * bounded), and a step appended now would follow a gap. Later steps are
   * counted in `overflow`, as past the capacity.
   */
  readonly sealed: boolean;
}

export interface RecordingSlice {
  /** Every Python call a person made through the UI, as scenario steps. */
  readonly recording: Recording;
  /**
   * Adds the steps for an answered call. `sockets` is the table as it was when
   * the call was made: a socket the call closed may be gone from the store by
   * the time the answer arrives, and what the steps need of it (the listener
   * it came from, its address) does not change.
   */
  record(call: AnsweredCall, sockets: ReadonlyMap<number, SocketSnapshot>): void;
  /** A pause a person's action made between calls (a frame sent in parts), kept so a replay paces the same. */
  recordPause(seconds: number): void;
  /** Counts an action the recording cannot hold that made no single call (a repeat of sends). */
  recordLeft(what: string): void;
  clearRecording(): void;
}

const EMPTY: Recording = { steps: [], named: new Map(), left: {}, overflow: 0, sealed: false };

/** The recording with `steps` appended, as far as its capacity allows; what does not fit is counted. */
function appended(recording: Recording, steps: readonly Step[], named: Named): Recording {
  const room = recording.sealed ? 0 : RECORDING_CAPACITY - recording.steps.length;
  const kept = steps.slice(0, room);
  return { ...recording, steps: kept.length > 0 ? [...recording.steps, ...kept] : recording.steps, named, overflow: recording.overflow + steps.length - kept.length };
}

export const createRecordingSlice: StateCreator<LabState, [], [], RecordingSlice> = (set, get) => ({
  recording: EMPTY,
  record: (call, sockets) => {
    const { recording, sockets: now } = get();
    const { steps, named, left } = stepsFor(call, { named: recording.named, sockets: new Map([...sockets, ...now]) });
    if (left) get().recordLeft(left);
    else if (steps.length > 0) set({ recording: appended(recording, steps, named) });
  },
  recordLeft: (what) => {
    const { recording } = get();
    set({ recording: { ...recording, left: { ...recording.left, [what]: (recording.left[what] ?? 0) + 1 } } });
  },
  recordPause: (seconds) => {
    const { recording } = get();
    set({ recording: appended(recording, [{ op: "sleep", seconds }], recording.named) });
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
