import { describe, expect, it } from "vitest";
import { utf8 } from "../../shared/bytes";
import { osError, SOCKET_TIMEOUT } from "../../shared/errors";
import { stepPython } from "../../shared/python-steps";
import { bytesRepr, exceptionLine, intRepr } from "../../shared/python-repr";
import { validateScenario, type Scenario } from "../../shared/scenario";
import { exportPython } from "./export";
import { runPython } from "./run-python";

function scenario(raw: unknown): Scenario {
  const parsed = validateScenario(raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

/** A session as the console records it: sockets named by fd, failures kept as expected errors. */
const SESSION = [
  { op: "socket", as: "s3", type: "SOCK_STREAM" },
  { op: "bind", sock: "s3", address: ["127.0.0.1", 0] },
  { op: "listen", sock: "s3", backlog: 5 },
  { op: "socket", as: "s4", type: "SOCK_STREAM" },
  { op: "connect", sock: "s4", address: ["127.0.0.1", "$s3.port"] },
  { op: "accept", sock: "s3", as: "s5" },
  { op: "sendall", sock: "s4", data: "it's" },
  { op: "recv", sock: "s5", bufsize: 1024 },
  { op: "settimeout", sock: "s5", seconds: 0.05 },
  { op: "recv", sock: "s5", bufsize: 1024, expect: { error: "TimeoutError" } },
  { op: "shutdown", sock: "s4", how: "SHUT_WR" },
  { op: "recv", sock: "s5", bufsize: 1024 },
  { op: "send", sock: "s4", data: "late", expect: { error: "EPIPE" } },
  { op: "send", sock: "s5", data: "\ufeffhi" },
  { op: "recv", sock: "s4", bufsize: 1024 },
];

/** What the console printed for each step of SESSION that echoes something, from the printer it uses. */
const CONSOLE_OUTPUT = [
  bytesRepr(utf8("it's")),
  exceptionLine(SOCKET_TIMEOUT),
  bytesRepr(new Uint8Array()),
  exceptionLine(osError("EPIPE")),
  intRepr(5),
  bytesRepr(utf8("\ufeffhi")),
];

describe("the exported REPL-style program", () => {
  it("writes the console's lines and prints what the console printed", async () => {
    const program = exportPython(scenario({ name: "session", steps: SESSION }));
    for (const step of scenario({ name: "session", steps: SESSION }).steps) {
      for (const line of stepPython(step).split("; ")) expect(program).toContain(line);
    }
    expect(program).toContain("s4.connect(('127.0.0.1', s3.getsockname()[1]))");
    const run = await runPython(program);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").slice(0, -1)).toEqual(CONSOLE_OUTPUT);
    expect(run.stdout).toContain(`b"it's"`);
    expect(run.stdout).toContain("b'\\xef\\xbb\\xbfhi'");
    expect(run.status).toBe(0);
  });

  it("stops with a non-zero exit, naming the line, where a step raises that the session did not expect", async () => {
    const steps = [
      ...SESSION.slice(0, 3),
      // The port s3 listens on: the session saw this bind succeed (on another run, another port), Python does not.
      { op: "socket", as: "s6", type: "SOCK_STREAM" },
      { op: "bind", sock: "s6", address: ["127.0.0.1", "$s3.port"] },
      { op: "getsockname", sock: "s6" },
    ];
    const program = exportPython(scenario({ name: "in-use", steps }));
    const run = await runPython(program);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    const line = program.split("\n").indexOf("s6.bind(('127.0.0.1', s3.getsockname()[1]))") + 1;
    expect(line).toBeGreaterThan(0);
    expect(run.stderr).toContain(`line ${line}, in <module>`);
    expect(run.stderr).toContain("s6.bind(('127.0.0.1', s3.getsockname()[1]))");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(exceptionLine(osError("EADDRINUSE")));
  });

  it("stops, naming the line, where a step the session saw fail succeeds", async () => {
    const steps = [{ op: "socket", as: "s3", type: "SOCK_DGRAM" }, { op: "bind", sock: "s3", address: ["127.0.0.1", 0], expect: { error: "EADDRINUSE" } }];
    const program = exportPython(scenario({ name: "no-error", steps }));
    const run = await runPython(program);
    expect(run.status).toBe(1);
    const line = program.split("\n").indexOf("    s3.bind(('127.0.0.1', 0))") + 1;
    expect(run.stderr.trim()).toBe(`line ${line}: expected EADDRINUSE, but the step did not raise`);
  });

  it("lets an exception other than the expected one stop the program", async () => {
    const steps = [{ op: "socket", as: "s3" }, { op: "connect", sock: "s3", address: ["127.0.0.1", 1], expect: { error: "ETIMEDOUT" } }];
    const run = await runPython(exportPython(scenario({ name: "other-error", steps })));
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(exceptionLine(osError("ECONNREFUSED")));
  });
});
