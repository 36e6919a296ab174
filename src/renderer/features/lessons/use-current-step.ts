import { useLabStore } from "../../store/context";
import { currentStep, type CurrentStep } from "../../store/current-step";

/** The step shown now, from the store's fields (each selected alone, so a render happens only when one changes). */
export function useCurrentStep(): CurrentStep {
  const playing = useLabStore((s) => s.playing);
  const position = useLabStore((s) => s.position);
  const pending = useLabStore((s) => s.pending);
  const lines = useLabStore((s) => s.lines);
  return currentStep({ playing, position, pending, lines });
}
