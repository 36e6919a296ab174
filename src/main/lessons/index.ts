import { validateScenario, type Scenario } from "../../shared/scenario";
import broadcast from "./broadcast.json";
import endOfMessage from "./end-of-message.json";
import halfOpen from "./half-open.json";
import pollSelect from "./poll-select.json";
import selectEcho from "./select-echo.json";
import timeouts from "./timeouts.json";

/**
 * The built-in lessons, one per section of the tutorial
 * (seed/python-advanced-network-operations.txt), in its order. Each is a
 * scenario file (format v1) beside this module; the static imports make the
 * bundler ship them inside the app, so no file is read at run time.
 */
export interface Lesson {
  /** The name the CLI accepts: `socket-lab run half-open`. */
  readonly name: string;
  /** The scenario file's name in src/main/lessons/. */
  readonly file: string;
  readonly title: { readonly en: string; readonly "zh-CN": string };
  readonly scenario: Scenario;
}

const SOURCES: readonly (readonly [file: string, raw: unknown])[] = [
  ["half-open.json", halfOpen],
  ["timeouts.json", timeouts],
  ["end-of-message.json", endOfMessage],
  ["broadcast.json", broadcast],
  ["poll-select.json", pollSelect],
  // Not a tutorial section: the select() echo server with three clients, its loop step by step.
  ["select-echo.json", selectEcho],
];

/** Validates a lesson file as any scenario file is validated; a broken lesson is a bug, so it throws. */
function load(file: string, raw: unknown): Lesson {
  const parsed = validateScenario(raw);
  if (!parsed.ok) throw new Error(`built-in lesson ${file}: ${parsed.problems.join("; ")}`);
  const { scenario } = parsed;
  if (!scenario.title) throw new Error(`built-in lesson ${file}: a lesson needs a title in en and zh-CN`);
  return { name: scenario.name, file, title: scenario.title, scenario };
}

export const LESSONS: readonly Lesson[] = SOURCES.map(([file, raw]) => load(file, raw));

/** The lesson with this name (as `socket-lab lessons` lists it), or undefined. */
export function findLesson(name: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.name === name);
}
