import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConsoleStore } from "../agent/consoles";

const CLI = fileURLToPath(new URL("./index.ts", import.meta.url));

function cli(configDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", import.meta.resolve("tsx"), CLI, ...args], { timeout: 60_000, env: { ...process.env, SOCKET_LAB_CONFIG_DIR: configDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}

describe("socket-lab agent --list and --revoke", () => {
  it("list the paired consoles from the config directory and unpair one; an unknown id is exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "socket-lab-agent-cli-"));
    expect((await cli(dir, "agent", "--list")).stdout).toBe("no console is paired with this agent\n");
    const store = new ConsoleStore(join(dir, "agent", "consoles.json"));
    const { console: teacher } = store.add("teacher");
    store.add("\u001b[2Jhostile");
    const listed = await cli(dir, "agent", "--list");
    expect(listed.stdout.split("\n")[0]).toBe(`${teacher.id}\tteacher\t${teacher.pairedAt}`);
    // A console's name is printed as escapes: it cannot clear the agent's terminal.
    expect(listed.stdout).toContain("\\x1b[2Jhostile");
    expect(await cli(dir, "agent", "--revoke", teacher.id)).toMatchObject({ code: 0, stdout: `revoked ${teacher.id}\tteacher\n` });
    expect(store.list().map((c) => c.name)).toEqual(["\\x1b[2Jhostile"]);
    expect(await cli(dir, "agent", "--revoke", "0123456789abcdef")).toMatchObject({ code: 2, stderr: expect.stringContaining("no paired console 0123456789abcdef") });
  }, 60_000);
});
