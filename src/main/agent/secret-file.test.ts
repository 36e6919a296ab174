import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KnownAgents } from "../console/known-agents";
import { ConsoleStore } from "./consoles";
import { writePrivateFile } from "./secret-file";

describe("the agent's and the console's private files", () => {
  it("are written for their owner only, and an absent one lists nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "socket-lab-secret-"));
    const file = join(dir, "nested", "consoles.json");
    expect(new ConsoleStore(file).list()).toEqual([]);
    const { console: paired } = new ConsoleStore(file).add("teacher");
    expect(new ConsoleStore(file).list()).toEqual([paired]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1 });
  });

  it("one that is not JSON, or not the right shape, says which file and how to recover", () => {
    const dir = mkdtempSync(join(tmpdir(), "socket-lab-secret-"));
    const consoles = join(dir, "consoles.json");
    writeFileSync(consoles, "{ not json");
    expect(() => new ConsoleStore(consoles).list()).toThrow(`${consoles} is not a list of paired consoles; fix or delete it`);
    const agents = join(dir, "agents.json");
    writePrivateFile(agents, JSON.stringify({ version: 1, agents: [{ fingerprint: "nope" }] }));
    expect(() => new KnownAgents(agents).list()).toThrow(`${agents} is not a list of paired agents; fix or delete it (then pair again)`);
  });
});
