export { parseScenario, validateScenario } from "./parse";
export { scenarioSchema, stepSchema, STEP_OPS } from "./schema";
export type { LocalizedText, Scenario, ScenarioInput, Step, StepOp } from "./schema";
export {
  fromVariable,
  parseReference,
  resolveAddress,
  resolveValueReferences,
  type AddressSpec,
  type PortRef,
} from "./references";
export { normalizeTranscript, parseTranscript, type TranscriptError, type TranscriptLine } from "./transcript";
export { EXPORT_RESERVED_NAMES } from "./names";
export { namesHosts, recvfromsKept, scenarioHosts, stepHost } from "./semantics";
