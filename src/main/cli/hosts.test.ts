import { describe, expect, it } from "vitest";
import { validateScenario, type Scenario } from "../../shared/scenario";
import { hostFlags } from "./hosts";

const FP = "a".repeat(64);
const URL_B = `wss://10.0.0.2:5748/?pair=${"s".repeat(22)}#sha256=${FP}`;

function scenario(steps: unknown[]): Scenario {
  const parsed = validateScenario({ name: "t", steps });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

describe("socket-lab run --host NAME=PAIRING_URL", () => {
  const twoHosts = scenario([{ op: "socket", host: "b", as: "r" }, { op: "socket", host: "c", as: "q" }]);

  it("names the first step whose host was not given (a usage error: exit 2)", () => {
    expect(() => hostFlags([`b=${URL_B}`], twoHosts)).toThrow('step 2 (socket) runs on host "c", which was not given: add --host c=PAIRING_URL');
    expect(() => hostFlags(undefined, twoHosts)).toThrow(/step 1 \(socket\) runs on host "b"/);
  });

  it("takes each host once, never local, and only pairing URLs", () => {
    expect(hostFlags([`b=${URL_B}`, `c=${URL_B.replace("pair=", "x=")}`], twoHosts).map((h) => h.name)).toEqual(["b", "c"]);
    expect(() => hostFlags([`b=${URL_B}`, `b=${URL_B}`], twoHosts)).toThrow("--host b is given twice");
    expect(() => hostFlags([`local=${URL_B}`], twoHosts)).toThrow(/"local" is the Lab that runs the scenario/);
    expect(() => hostFlags([URL_B], twoHosts)).toThrow(/--host takes NAME=PAIRING_URL/);
    expect(() => hostFlags([`b=${URL_B.replace("wss:", "ws:")}`], twoHosts)).toThrow("--host b: an agent speaks only wss:// (TLS), not ws");
    expect(() => hostFlags([`b=${URL_B.replace(/#.*/, "")}`], twoHosts)).toThrow(/--host b: a pairing URL ends with #sha256=/);
  });
});

describe("the socket-lab command with hosts", () => {
  it("exits 2 naming the host a step needs, and export-python asks which host's program to write (exit 2)", async () => {
    const { execFile } = await import("node:child_process");
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const dir = await mkdtemp(join(tmpdir(), "socket-lab-hosts-"));
    const file = join(dir, "s.json");
    await writeFile(file, JSON.stringify({ name: "t", steps: [{ op: "socket", as: "s" }, { op: "socket", host: "rx", as: "r" }] }));
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("./index.ts", import.meta.url)), ...args], { timeout: 60_000 }, (err, _stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code) : 0, stderr }),
        );
      });
    const [run, exported] = await Promise.all([cli("run", file), cli("export-python", file)]);
    expect(run).toEqual({ code: 2, stderr: 'socket-lab: step 2 (socket) runs on host "rx", which was not given: add --host rx=PAIRING_URL\n' });
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe("socket-lab: export-python: this scenario runs on 2 hosts (local, rx); give --host NAME for each host's program\n");
  }, 60_000);
});
