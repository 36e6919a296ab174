import type { Scenario, ScenarioInput, Step } from "../../../shared/scenario";

/**
 * A parsed scenario in the form the contract's schema takes again (to open,
 * export or save it): parsing widens only SO_LINGER's l_onoff (0/1) to a number.
 */
export function scenarioInput(scenario: Scenario): ScenarioInput {
  return { ...scenario, steps: scenario.steps.map(stepInput) };
}

function stepInput(step: Step): ScenarioInput["steps"][number] {
  if (step.op !== "setsockopt") return step;
  const value = step.value;
  return { ...step, value: typeof value === "number" ? value : [value[0] === 0 ? 0 : 1, value[1]] };
}
