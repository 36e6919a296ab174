import { LOCAL_HOST } from "../../shared/hosts";
import { printable } from "../../shared/printable";
import type { LabErrorInfo } from "../../shared/errors";
import type { Scenario, TranscriptLine } from "../../shared/scenario";
import { scenarioHosts } from "../../shared/scenario";
import { configDir } from "../agent/config-dir";
import { openHost } from "../console/open-host";
import type { ClockEstimate } from "../console/clock";
import type { RemoteLab } from "../console/remote-lab";
import type { EngineChoice } from "../lab/engine/choose";
import { Lab } from "../lab/lab";
import { ScenarioRunner } from "../scenario/runner";
import type { HostFlag } from "./hosts";
import { signedMs } from "../../shared/hosts";

export type TranscriptFormat = "ndjson" | "text";

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** One line a person reads: "  9 send        ✗ BrokenPipeError [EPIPE]" ("  9 b      send …" in a multi-host run). */
export function textLine(line: TranscriptLine): string {
  const head = `${String(line.step).padStart(3)}${line.host === undefined ? "" : ` ${line.host.padEnd(8)}`} ${line.op.padEnd(12)}`;
  const outcome = line.ok ? `→ ${show(line.value)}` : `✗ ${line.error.type}${line.error.errno ? ` [${line.error.errno}]` : ""}`;
  const failed = line.expect_failed ? `   EXPECTATION FAILED, expected ${show(line.expected)}` : "";
  return `${head} ${outcome}${failed}`;
}

/** "event clock +1234.567 ms from this Lab's, ± 0.084 ms (8 exchanges)": mostly how far apart the two Labs started. */
function clockText(clock: ClockEstimate): string {
  const ms = (us: number): string => (us / 1000).toFixed(3);
  return `event clock ${signedMs(clock.offsetUs)} ms from this Lab's, ± ${ms(clock.uncertaintyUs)} ms (${clock.samples} exchanges)`;
}

export interface RunOptions {
  readonly engine?: EngineChoice;
  /** The agents of a multi-host scenario (checked by hostFlags). */
  readonly hosts?: readonly HostFlag[];
  /** A line for the person, on stderr: pairing codes, a lost host. */
  readonly note?: (line: string) => void;
}

/**
 * `socket-lab run`: the transcript on stdout as it happens; true when every
 * expect held. With hosts, it connects to every agent first (pairing where
 * the URL's secret is new), runs each step on its host's Lab, and, if an
 * agent is lost mid-run, ends the step under way with HostLostError, runs
 * no further step, and says which host went. The scenario's sockets are
 * closed at the end on every host still there.
 */
export async function runScenario(scenario: Scenario, format: TranscriptFormat, write: (line: string) => void, options: RunOptions = {}): Promise<boolean> {
  const note = options.note ?? (() => {});
  const lab = new Lab({ engine: options.engine ?? "auto" });
  const remotes = new Map<string, RemoteLab>();
  const controller = new AbortController();
  let lost: LabErrorInfo | null = null;
  let runner: ScenarioRunner | null = null;
  try {
    const opened = await Promise.allSettled((options.hosts ?? []).map((h) => openHost(h.name, h.url, { configDir: configDir() }).then((o) => ({ ...o, name: h.name }))));
    for (const result of opened) if (result.status === "fulfilled") remotes.set(result.value.name, result.value.lab);
    const failed = opened.flatMap((result, i) => (result.status === "rejected" ? [`host "${options.hosts![i]!.name}": ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`] : []));
    if (failed.length > 0) throw new Error(failed.join("\n"));
    for (const result of opened) {
      if (result.status === "fulfilled" && result.value.pairedWithCode) note(`host "${result.value.name}": paired with agent ${result.value.lab.agentName}, code ${result.value.pairedWithCode}`);
    }
    // Each agent's events on this Lab's timeline: what the transcript's order means across hosts.
    const clocks = await Promise.all([...remotes].map(async ([name, remote]) => [name, await remote.trackClock(() => lab.events.now())] as const));
    for (const [name, clock] of clocks) note(`host "${name}": ${clockText(clock)}`);
    const unused = [...remotes.keys()].filter((name) => !scenarioHosts(scenario.steps).includes(name));
    if (unused.length > 0) note(`no step runs on ${unused.map((n) => `"${n}"`).join(", ")}`);
    for (const remote of remotes.values()) {
      remote.onLost((info) => {
        lost ??= info;
        controller.abort(info);
      });
    }

    // The name and title come from a file: printed as escapes, never as terminal control sequences.
    if (format === "text") write(`# ${printable(scenario.name)}${scenario.title ? `: ${printable(scenario.title.en)}` : ""}`);
    runner = new ScenarioRunner(lab, remotes);
    const result = await runner.run(scenario, (line) => write(format === "ndjson" ? JSON.stringify(line) : textLine(line)), controller.signal);
    if (lost) {
      const at = result.lines.at(-1);
      const left = scenario.steps.length - result.lines.length;
      note(`${(lost as LabErrorInfo).message}${at ? ` (during step ${at.step}, on ${at.host ?? LOCAL_HOST})` : ""}; ${left} step${left === 1 ? "" : "s"} did not run`);
    }
    for (const [name, remote] of remotes) {
      const drift = remote.clock?.drift;
      if (drift && !remote.lostBecause) note(`host "${name}": over the run its clock drifted ${drift.ppm >= 0 ? "+" : "−"}${Math.abs(drift.ppm).toFixed(1)} ppm ± ${drift.uncertaintyPpm.toFixed(1)} ppm`);
    }
    if (format === "text") write(result.ok ? "# every expectation held" : "# some expectations failed");
    return result.ok;
  } finally {
    // The scenario's sockets on the agents outlive this connection (as a page's do): close them while it lasts.
    if (runner && remotes.size > 0) await runner.closeAll();
    await Promise.all([...remotes.values()].map((remote) => remote.close()));
    lab.closeAll();
  }
}
