import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL("./index.ts", import.meta.url));
/** tsx's loader by absolute URL, so the CLI also runs from a directory without node_modules. */
const TSX = import.meta.resolve("tsx");
const FIXTURES = fileURLToPath(new URL("../python/fixtures/", import.meta.url));

/** Runs the real CLI (from source, through tsx) and returns its exit status and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(undefined, ...args);
}

async function cliIn(cwd: string | undefined, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", TSX, CLI, ...args], { timeout: 60_000, cwd });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function scenarioFile(content: unknown, name = "s.json"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "socket-lab-cli-"));
  const file = join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("socket-lab CLI", () => {
  it("run prints one JSON line per step and exits 0 when every expectation holds", async () => {
    const { code, stdout } = await cli("run", join(FIXTURES, "half-close.json"));
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as { step: number; ok: boolean });
    expect(lines).toHaveLength(17);
    expect(lines[9]).toEqual({ step: 10, op: "recv", ok: true, value: { hex: "70696e67" } });
  });

  it("run exits 1 when an expectation fails, and marks the line", async () => {
    const file = await scenarioFile({ name: "x", steps: [{ op: "socket", as: "a" }, { op: "getsockname", sock: "a", expect: { value: ["1.2.3.4", 1] } }] });
    const { code, stdout } = await cli("run", file, "--format", "text");
    expect(code).toBe(1);
    expect(stdout).toContain("EXPECTATION FAILED");
  });

  it("run accepts YAML", async () => {
    const file = await scenarioFile("name: y\nsteps:\n  - {op: socket, as: u, type: SOCK_DGRAM}\n  - {op: getsockname, sock: u, expect: {value: ['0.0.0.0', 0]}}\n", "s.yaml");
    expect((await cli("run", file)).code).toBe(0);
  });

  it("a malformed scenario names the step and the field, exit 2", async () => {
    const file = await scenarioFile({ name: "bad", steps: [{ op: "socket", as: "a" }, { op: "bind", sock: "a", address: ["127.0.0.1", 70000] }] });
    const { code, stderr } = await cli("run", file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/step 2 \(bind\): address\.1/);
  });

  it("export-python prints a standard-library program written as the session; --transcript the transcript program", async () => {
    const { code, stdout } = await cli("export-python", join(FIXTURES, "half-close.json"));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(stdout).toContain("import socket");
    expect(stdout).toContain("cli.shutdown(socket.SHUT_WR)");
    expect(stdout).not.toContain("def run(");
    const transcript = await cli("export-python", "--transcript", join(FIXTURES, "half-close.json"));
    expect(transcript.code).toBe(0);
    expect(transcript.stdout).toContain("def run(");
    expect(transcript.stdout).toContain("lambda: cli.shutdown(socket.SHUT_WR)");
  });

  it("unknown commands and bad flags: one line, exit 2", async () => {
    for (const args of [["frobnicate"], ["serve", "--port", "http"], ["run", "--format"], ["run", "a.json", "--format", "xml"], ["serve", "--bogus"]]) {
      const { code, stderr } = await cli(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("serve refuses a non-loopback host unless --allow-remote says so", async () => {
    const { code, stderr } = await cli("serve", "--host", "0.0.0.0", "--port", "0");
    expect(code).toBe(2);
    expect(stderr).toContain("--allow-remote");
  });

  it("--help describes every command", async () => {
    const { code, stdout } = await cli("--help");
    expect(code).toBe(0);
    for (const command of ["serve", "run", "export-python", "lessons"]) expect(stdout).toContain(`socket-lab ${command}`);
  });

  it("lessons lists the built-in lessons, one a line: name, file, English title", async () => {
    const { code, stdout } = await cli("lessons");
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split("\n").map((line) => line.split("\t"));
    expect(rows.map(([name]) => name)).toEqual(["half-open", "timeouts", "end-of-message", "broadcast", "poll-select", "select-echo"]);
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(row[1]).toBe(`${row[0]}.json`);
      expect(row[2]!.length).toBeGreaterThan(10);
    }
    expect(rows[0]![2]).toMatch(/half-open/i);
  });

  it("run takes a lesson name as well as a file", async () => {
    const { code, stdout } = await cli("run", "half-open");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as { step: number; op: string; ok: boolean; expect_failed?: true });
    expect(lines).toHaveLength(29);
    expect(lines.some((l) => l.expect_failed)).toBe(false);
    expect(lines[12]).toEqual({ step: 13, op: "send", ok: false, error: { type: "BrokenPipeError", errno: "EPIPE" } });
  });

  it("export-python takes a lesson name, with the narration as comments", async () => {
    const { code, stdout } = await cli("export-python", "broadcast");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(stdout).toContain("SO_BROADCAST");
    expect(stdout).toContain("# Step 12: We send to 127.255.255.255");
  });

  it("a file that exists wins over a lesson of the same name", async () => {
    const file = await scenarioFile({ name: "mine", steps: [{ op: "socket", as: "a" }] }, "half-open");
    const { code, stdout } = await cliIn(dirname(file), "run", "half-open");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([JSON.stringify({ step: 1, op: "socket", ok: true, value: null })]);
  });

  it("neither a file nor a lesson: one line, exit 2", async () => {
    for (const command of ["run", "export-python"]) {
      const { code, stdout, stderr } = await cli(command, "no-such-lesson");
      expect(code, command).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain("no-such-lesson");
    }
  });
});
