export { parseScenario, validateScenario, type ParsedScenario } from "./parse";
export { scenarioSchema, stepSchema, STEP_OPS } from "./schema";
export type { Expectation, LocalizedText, Scenario, ScenarioInput, Step, StepOf, StepOp } from "./schema";
export {
  parseReference,
  resolveAddress,
  resolveValueReferences,
  isHostRef,
  isPortRef,
  type AddressSpec,
  type BoundAddressOf,
  type HostRef,
  type PortRef,
  type Reference,
} from "./references";
export { expectationHolds, jsonEqual } from "./expect";
export { normalizeTranscript, parseTranscript, type TranscriptError, type TranscriptLine } from "./transcript";
export { socketNameProblem, EXPORT_RESERVED_NAMES } from "./names";
export { SOCKOPT_LEVELS, type SockoptLevel, type SockoptName } from "./sockopts";
