import { LabError, osError } from "../../shared/errors";
import type { CommandResult } from "../../shared/contract";
import { scenarioHosts, type Scenario } from "../../shared/scenario";
import type { LabPort } from "./lab-port";
import { ScenarioRunner } from "./runner";

interface Session {
  readonly scenario: Scenario;
  readonly runner: ScenarioRunner;
  next: number;
}

/**
 * Scenarios stepped through from the UI (the lesson player) on the Lab's own
 * sockets, so every step's effect shows in the socket views and the log.
 */
export class ScenarioSessions {
  private readonly sessions = new Map<number, Session>();
  private nextId = 1;

  constructor(private readonly lab: LabPort) {}

  open(scenario: Scenario): { session: number; steps: number } {
    const hosts = scenarioHosts(scenario.steps);
    if (hosts.length > 0) {
      throw new LabError(osError("EINVAL", `this scenario runs on hosts ${hosts.join(", ")} besides this Lab; step through it here only once they are paired (run it with socket-lab run --host)`));
    }
    const session = this.nextId++;
    this.sessions.set(session, { scenario, runner: new ScenarioRunner(this.lab), next: 0 });
    return { session, steps: scenario.steps.length };
  }

  /** Runs the next step, saying which fd it created (the player names sockets by it); null once every step has run. */
  async step(id: number, signal?: AbortSignal): Promise<CommandResult<"scenario_step">> {
    const session = this.get(id);
    const step = session.scenario.steps[session.next];
    if (!step) return null;
    session.next += 1;
    const since = this.lab.lastSeq;
    const line = await session.runner.step(session.next, step, signal);
    const fd = (step.op === "socket" || step.op === "accept") && line.ok ? session.runner.fdOf(step.as) : null;
    return { line, created: fd === null ? null : { fd, since } };
  }

  /** Closes the session's sockets and forgets it. */
  async close(id: number): Promise<void> {
    const session = this.get(id);
    this.sessions.delete(id);
    await session.runner.closeAll();
  }

  /** Like close, for a session that may have ended already. */
  async closeIfOpen(id: number): Promise<void> {
    if (this.sessions.has(id)) await this.close(id);
  }

  private get(id: number): Session {
    const session = this.sessions.get(id);
    if (!session) throw new LabError(osError("EINVAL", `no scenario session ${id}`));
    return session;
  }
}
