import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeTranscript, parseScenario, parseTranscript, type Scenario, type TranscriptLine } from "../../shared/scenario";
import { Lab } from "../lab/lab";
import { exportPython } from "../python/export";
import { runPython } from "../python/run-python";
import { ScenarioRunner } from "../scenario/runner";
import { findLesson, LESSONS } from "./index";

/** One lesson per section of the tutorial, in its order. */
// The tutorial's five sections, then the select() echo demo.
const NAMES = ["half-open", "timeouts", "end-of-message", "broadcast", "poll-select", "select-echo"];

const HAN = /\p{Script=Han}/u;

async function runInLab(scenario: Scenario): Promise<{ lines: TranscriptLine[]; ok: boolean }> {
  const lab = new Lab();
  try {
    return await new ScenarioRunner(lab).run(scenario);
  } finally {
    lab.closeAll();
  }
}

/** Every [host, port] a step names, with whether it is a destination (traffic goes there) or a local bind. */
function addresses(scenario: Scenario): { op: string; host: string; destination: boolean }[] {
  return scenario.steps.flatMap((step) =>
    "address" in step ? [{ op: step.op, host: typeof step.address === "string" ? step.address : step.address[0], destination: step.op !== "bind" }] : [],
  );
}

describe("built-in lessons", () => {
  it("are the tutorial's five topics and the select() demo, each in its own file under its own name", () => {
    expect(LESSONS.map((l) => l.name)).toEqual(NAMES);
    for (const lesson of LESSONS) {
      expect(lesson.file).toBe(`${lesson.name}.json`);
      expect(lesson.scenario.name).toBe(lesson.name);
      expect(findLesson(lesson.name)).toBe(lesson);
    }
    expect(findLesson("no-such-lesson")).toBeUndefined();
  });

  it.each(NAMES)("%s parses as a scenario file", (name) => {
    const file = new URL(`./${name}.json`, import.meta.url);
    const parsed = parseScenario(readFileSync(file, "utf8"), `${name}.json`);
    expect(parsed.ok ? null : parsed.problems).toBeNull();
    expect(parsed.ok && parsed.scenario).toEqual(findLesson(name)!.scenario);
  });

  it.each(NAMES)("%s has a title and narration on every step, in English and Chinese", (name) => {
    const { title, scenario } = findLesson(name)!;
    expect(title.en.trim()).not.toBe("");
    expect(title["zh-CN"]).toMatch(HAN);
    // Short enough to read aloud in one sitting (poll-select, with every flag, needs 32).
    expect(scenario.steps.length).toBeGreaterThanOrEqual(10);
    expect(scenario.steps.length).toBeLessThanOrEqual(32);
    scenario.steps.forEach((step, i) => {
      const where = `${name} step ${i + 1} (${step.op})`;
      expect(step.note?.en.trim(), where).toBeTruthy();
      expect(step.note?.["zh-CN"], where).toMatch(HAN);
    });
    // Steps that teach something say what must happen.
    expect(scenario.steps.filter((s) => s.expect).length).toBeGreaterThanOrEqual(8);
  });

  it.each(NAMES)("%s sends nothing beyond loopback", (name) => {
    // CI machines' real networks must never see our traffic: no '<broadcast>', no LAN address.
    for (const { op, host, destination } of addresses(findLesson(name)!.scenario)) {
      // "$x.from" answers whoever sent to x: one of the lesson's own sockets, whose addresses this test checks.
      const loopback = /^127\./.test(host) || host === "::1" || /^\$[A-Za-z_]\w*\.(host|from)$/.test(host);
      expect(loopback || (!destination && (host === "" || host === "0.0.0.0")), `${op} ${host}`).toBe(true);
    }
  });

  it.each(NAMES)("%s holds every expectation in the Lab, CPython prints the same transcript, and its REPL-style program runs to the end", async (name) => {
    const { scenario } = findLesson(name)!;
    // One after the other, never at once: two broadcast lessons running together could hear each other.
    const lab = await runInLab(scenario);
    const failed = lab.lines.filter((line) => line.expect_failed).map((line) => JSON.stringify(line));
    expect(failed).toEqual([]);
    expect(lab.ok).toBe(true);

    const python = await runPython(exportPython(scenario, { style: "transcript" }), 30_000);
    expect(python.stderr).toBe("");
    expect(python.status).toBe(0);
    const show = (lines: readonly TranscriptLine[]) => normalizeTranscript(lines).map((line) => JSON.stringify(line));
    expect(show(lab.lines)).toEqual(show(parseTranscript(python.stdout)));

    // As the student's program (the UI's export): every step goes as the lesson says, to the end.
    const repl = await runPython(exportPython(scenario), 30_000);
    expect(repl.stderr).toBe("");
    expect(repl.status).toBe(0);
  }, 60_000);
});
