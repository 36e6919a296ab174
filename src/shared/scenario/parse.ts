import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { invalidArgument, type LabErrorInfo } from "../errors";
import { INPUT_BOUNDS, jsonBoundsProblem } from "../json-bounds";
import { printable } from "../printable";
import { SCENARIO_LIMITS, scenarioSchema, STEP_OPS, type Scenario } from "./schema";
import { checkNames, type SemanticIssue } from "./semantics";

export type ParsedScenario =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: LabErrorInfo; readonly problems: readonly string[] };

/**
 * Reads a scenario from JSON or YAML text. `filename` picks the syntax by
 * extension (otherwise text starting with `{` is JSON) and prefixes messages.
 * The first problem becomes the error's message, e.g.
 * `step 3 (bind): address.1: expected a port number from 0 to 65535, or "$name.port"`.
 */
export function parseScenario(text: string, filename?: string): ParsedScenario {
  const prefix = filename ? `${filename}: ` : "";
  const fail = (problems: string[]): ParsedScenario => ({
    ok: false,
    error: invalidArgument(prefix + problems[0]! + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : "")),
    problems: problems.map((p) => prefix + p),
  });

  let raw: unknown;
  try {
    raw = readDocument(text, filename);
  } catch (err) {
    return fail([err instanceof Error ? err.message : String(err)]);
  }
  return validateScenario(raw, fail);
}

/** Validates an already-decoded scenario object (e.g. one that came over IPC). */
export function validateScenario(
  raw: unknown,
  fail: (problems: string[]) => ParsedScenario = (problems) => ({
    ok: false,
    error: invalidArgument(problems[0]!),
    problems,
  }),
): ParsedScenario {
  const oversized = preflight(raw);
  if (oversized) return fail([oversized]);
  const result = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return fail(result.error.issues.map((issue) => describeIssue(issue, raw)));
  const semantic = checkNames(result.data.steps);
  if (semantic.length > 0) return fail(semantic.map((issue) => describeSemantic(issue, raw)));
  return { ok: true, scenario: result.data };
}

/**
 * Bounds checked before the schema walks the document: nesting that would
 * overflow a recursive walk, and sizes a schema would only report after
 * validating every element (100,000 steps, a 50-million-character name).
 */
function preflight(raw: unknown): string | null {
  const problem = jsonBoundsProblem(raw, INPUT_BOUNDS);
  if (problem) return `a scenario may not be ${problem}`;
  if (typeof raw !== "object" || raw === null) return null;
  const { name, steps } = raw as { name?: unknown; steps?: unknown };
  if (typeof name === "string" && name.length > SCENARIO_LIMITS.nameLength) {
    return `name: a scenario name is at most ${SCENARIO_LIMITS.nameLength} characters (this one has ${name.length.toLocaleString("en")})`;
  }
  if (Array.isArray(steps) && steps.length > SCENARIO_LIMITS.steps) {
    return `steps: a scenario has at most ${SCENARIO_LIMITS.steps.toLocaleString("en")} steps (this one has ${steps.length.toLocaleString("en")})`;
  }
  return null;
}

function readDocument(text: string, filename: string | undefined): unknown {
  const ext = filename?.toLowerCase().match(/\.(json|ya?ml)$/)?.[1];
  const json = ext === "json" || (ext === undefined && text.trimStart().startsWith("{"));
  if (json) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new Error(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  try {
    return parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    throw new Error(`invalid YAML: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`, { cause: err });
  }
}

/** A field name or op from the file, as it may be printed: escaped and short. */
function shown(key: PropertyKey): string {
  return printable(String(key), 64);
}

/** "step 3 (bind): address.1: " for a path under steps, "title.en: " elsewhere. */
function where(path: readonly PropertyKey[], raw: unknown): string {
  if (path[0] === "steps" && typeof path[1] === "number") {
    const steps = (raw as { steps?: unknown }).steps;
    const step = Array.isArray(steps) ? (steps[path[1]] as { op?: unknown } | undefined) : undefined;
    const op = typeof step?.op === "string" ? shown(step.op) : "?";
    const rest = path.slice(2).map(shown).join(".");
    return `step ${path[1] + 1} (${op})${rest ? `: ${rest}` : ""}: `;
  }
  return path.length > 0 ? `${path.map(shown).join(".")}: ` : "";
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case "unrecognized_keys": {
      const [only, ...more] = issue.keys;
      if (more.length === 0) return where([...issue.path, only!], raw) + "unknown field";
      return where(issue.path, raw) + `unknown fields ${issue.keys.slice(0, 8).map((k) => `"${shown(k)}"`).join(", ")}${issue.keys.length > 8 ? ` and ${issue.keys.length - 8} more` : ""}`;
    }
    case "invalid_union":
      if (issue.path[issue.path.length - 1] === "op" && "note" in issue) {
        return where(issue.path, raw) + `expected one of: ${STEP_OPS.join(", ")}`;
      }
      {
        if (issue.input === undefined) return where(issue.path, raw) + "required";
        const taken = branchTaken(issue.errors);
        if (taken) return describeIssue({ ...taken, path: [...issue.path, ...taken.path] }, raw);
      }
      return where(issue.path, raw) + lowerFirst(issue.message);
    case "invalid_type":
      if (issue.input === undefined) return where(issue.path, raw) + "required";
      return where(issue.path, raw) + lowerFirst(issue.message);
    default:
      return where(issue.path, raw) + lowerFirst(issue.message);
  }
}

/**
 * The first problem of the one union member the input's shape chose (an
 * address given as an array is the [host, port] member's to explain), so the
 * message says what is wrong inside it; null when no single member fits.
 */
function branchTaken(branches: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue | null {
  const shaped = branches.filter((issues) => !issues.some((i) => i.code === "invalid_type" && i.path.length === 0));
  return shaped.length === 1 ? (shaped[0]![0] ?? null) : null;
}

function describeSemantic(issue: SemanticIssue, raw: unknown): string {
  return where(issue.path, raw) + issue.message;
}

function lowerFirst(message: string): string {
  return /^[A-Z][a-z]/.test(message) ? message[0]!.toLowerCase() + message.slice(1) : message;
}
