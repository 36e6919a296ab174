import { afterEach, describe, expect, it } from "vitest";
import { validateScenario, type Scenario } from "../../shared/scenario";
import { Lab } from "../lab/lab";
import type { LabPort } from "./lab-port";
import { ScenarioRunner } from "./runner";
import { ScenarioSessions } from "./sessions";

/**
 * A multi-host scenario's runner, with a second Lab in this process standing
 * in for an agent (the real ones across namespaces: test/lan/agents.test.ts).
 * The second Lab answers socketAddress asynchronously, as an agent does.
 */

const labs: Lab[] = [];
afterEach(() => {
  for (const lab of labs.splice(0)) lab.closeAll();
});

function newLab(): Lab {
  const lab = new Lab();
  labs.push(lab);
  return lab;
}

function remote(lab: Lab): LabPort {
  return { call: (name, args, signal) => lab.call(name, args, signal), socketAddress: async (fd) => lab.socketAddress(fd), lastSeq: 0 };
}

function scenario(steps: unknown[]): Scenario {
  const parsed = validateScenario({ name: "t", steps });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

function problem(steps: unknown[]): string {
  const parsed = validateScenario({ name: "t", steps });
  if (parsed.ok) throw new Error("expected the scenario to be rejected");
  return parsed.error.message;
}

describe("multi-host scenarios", () => {
  it("run each step on its host's Lab, resolve $name.port across hosts, and put the host on every line", async () => {
    const local = newLab();
    const b = newLab();
    const run = await new ScenarioRunner(local, new Map([["b", remote(b)]])).run(
      scenario([
        { op: "socket", host: "b", as: "r", type: "SOCK_DGRAM" },
        { op: "bind", host: "b", sock: "r", address: ["127.0.0.1", 0] },
        { op: "socket", as: "s", type: "SOCK_DGRAM" },
        { op: "sendto", sock: "s", data: "hi", address: ["127.0.0.1", "$r.port"] },
        { op: "recvfrom", host: "b", sock: "r", bufsize: 10, expect: { value: [{ hex: "6869" }, ["127.0.0.1", "$s.port"]] } },
      ]),
    );
    expect(run.ok).toBe(true);
    expect(run.lines.map((l) => l.host)).toEqual(["b", "b", "local", "local", "b"]);
    expect(Object.keys(run.lines[0]!)).toEqual(["step", "host", "op", "ok", "value"]);
    // The socket really is b's: the local Lab has only s.
    expect(local.socketCount).toBe(1);
    expect(b.socketCount).toBe(1);
  });

  it("leave the host out of a single-host scenario's lines, as before", async () => {
    const run = await new ScenarioRunner(newLab()).run(scenario([{ op: "socket", as: "s" }]));
    expect(run.lines[0]).toEqual({ step: 1, op: "socket", ok: true, value: null });
  });

  it("a step for a host the runner was not given fails on its line, saying which", async () => {
    const run = await new ScenarioRunner(newLab()).run(scenario([{ op: "socket", host: "z", as: "s" }]));
    expect(run.lines[0]).toMatchObject({ host: "z", ok: false, error: { type: "OSError", errno: "EINVAL" } });
  });

  it("stop at an aborted signal: the step under way ends with its reason and no later step runs", async () => {
    const controller = new AbortController();
    const lost = { type: "HostLostError", errno: null, message: 'host "b" was lost' };
    setTimeout(() => controller.abort(lost), 100);
    const started = Date.now();
    const run = await new ScenarioRunner(newLab(), new Map([["b", remote(newLab())]])).run(
      scenario([
        { op: "socket", as: "s", type: "SOCK_DGRAM" },
        { op: "bind", sock: "s", address: ["127.0.0.1", 0] },
        { op: "recvfrom", sock: "s", bufsize: 10 },
        { op: "socket", host: "b", as: "never" },
      ]),
      undefined,
      controller.signal,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run).toMatchObject({ ok: false, stopped: true });
    expect(run.lines).toHaveLength(3);
    expect(run.lines[2]).toMatchObject({ step: 3, host: "local", ok: false, error: { type: "HostLostError", errno: null } });
  });

  it("the parser keeps each socket on its host: a step may not use another host's socket, only refer to its address", () => {
    expect(problem([{ op: "socket", host: "b", as: "r" }, { op: "listen", sock: "r" }])).toMatch(/step 2 \(listen\): sock: socket "r" lives on host "b", and this step runs on "local": add "host": "b"/);
    expect(problem([{ op: "socket", as: "r" }, { op: "close", host: "b", sock: "r" }])).toMatch(/lives on host "local".*leave "host" out/);
    expect(problem([{ op: "socket", as: "a" }, { op: "socket", host: "b", as: "c" }, { op: "poll", register: [["a", ["POLLIN"]], ["c", ["POLLIN"]]] }])).toMatch(/register\.1\.0: socket "c" lives on host "b"/);
    expect(problem([{ op: "socket", host: "b c", as: "r" }])).toMatch(/step 1 \(socket\): host: a host name must be letters/);
    // Accepted: an address reference across hosts, and an explicit "local".
    expect(() => scenario([{ op: "socket", host: "b", as: "r" }, { op: "socket", host: "local", as: "s" }, { op: "connect_ex", sock: "s", address: ["127.0.0.1", "$r.port"] }])).not.toThrow();
  });

  it("the lesson player (this Lab only) refuses a scenario for other hosts", () => {
    const sessions = new ScenarioSessions(newLab());
    expect(() => sessions.open(scenario([{ op: "socket", host: "b", as: "r" }]))).toThrow(/runs on hosts b besides this Lab/);
  });
});
