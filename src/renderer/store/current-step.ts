import type { Step, TranscriptLine } from "../../shared/scenario";
import type { LabState } from "./state/lab-state";

export interface CurrentStep {
  /** 0-based index of the step shown, or -1 before the first. */
  readonly index: number;
  readonly total: number;
  readonly step: Step | null;
  /** The step's transcript line once it ran; null while it waits for a prediction. */
  readonly line: TranscriptLine | null;
  readonly pending: boolean;
  readonly done: boolean;
}

/**
 * The step a person looks at: the one waiting for a prediction, else the
 * one that ran last. Pure, so the strip and presenter mode show the same.
 */
export function currentStep(state: Pick<LabState, "playing" | "position" | "pending" | "lines">): CurrentStep {
  const steps = state.playing?.scenario.steps ?? [];
  const index = state.pending ? state.position : state.position - 1;
  return {
    index,
    total: steps.length,
    step: steps[index] ?? null,
    line: state.pending ? null : (state.lines[index] ?? null),
    pending: state.pending,
    done: steps.length > 0 && state.position >= steps.length && !state.pending,
  };
}
