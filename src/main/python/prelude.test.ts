import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXPORT_RESERVED_NAMES, STEP_OPS, validateScenario } from "../../shared/scenario";
import { exportPython, type ExportOptions } from "./export";
import { CORE_PRELUDE, FRAMING_ERROR, FRAMING_PRELUDE, REPL_PRELUDE, REPL_VARIABLES } from "./prelude";
import { HELPER_FILES } from "./helpers/source";
import { runPython } from "./run-python";

const HELPERS = fileURLToPath(new URL("./helpers/", import.meta.url));

const TRANSCRIPT: ExportOptions = { style: "transcript" };

function topLevelNames(source: string): string[] {
  return [...source.matchAll(/^(?:def |class |import )?([A-Za-z_]\w*)/gm)]
    .map((m) => m[1]!)
    .filter((name) => !["def", "class", "import"].includes(name));
}

/** Every op, with the optional fields too, so every code path of the exporter runs. */
const EVERY_OP = {
  name: 'every "op" \\ at once',
  title: { en: 'Quotes " and """ and \\ in a title', "zh-CN": "标题" },
  steps: [
    { op: "socket", as: "srv", family: "AF_INET", type: "SOCK_STREAM", note: { en: "line one\nline two", "zh-CN": "一\n二" } },
    { op: "socket", as: "u", type: "SOCK_DGRAM" },
    { op: "bind", sock: "srv", address: ["", 0] },
    { op: "listen", sock: "srv" },
    { op: "listen", sock: "srv", backlog: 0 },
    { op: "connect", sock: "u", address: ["$srv.host", "$srv.port"] },
    { op: "connect_ex", sock: "u", address: ["localhost", 9] },
    { op: "accept", sock: "srv", as: "conn" },
    { op: "send", sock: "u", data: "\u2028 \"quoted\" \\ 你好" },
    { op: "sendall", sock: "u", data: { hex: "00ff" } },
    { op: "sendto", sock: "u", data: "x", address: ["<broadcast>", 9] },
    { op: "recv", sock: "u", bufsize: 0 },
    { op: "recvfrom", sock: "u", bufsize: 0 },
    { op: "shutdown", sock: "u", how: 2 },
    { op: "settimeout", sock: "u", seconds: null },
    { op: "settimeout", sock: "u", seconds: 0.25 },
    { op: "setblocking", sock: "u", flag: true },
    { op: "setsockopt", sock: "u", level: "SOL_SOCKET", name: "SO_LINGER", value: [true, 3] },
    { op: "setsockopt", sock: "u", level: "IPPROTO_IP", name: "IP_TTL", value: 7 },
    { op: "getsockopt", sock: "u", level: "SOL_SOCKET", name: "SO_LINGER" },
    { op: "getsockopt", sock: "u", level: "SOL_SOCKET", name: "SO_ERROR" },
    { op: "getsockopt", sock: "u", level: "IPPROTO_IPV6", name: "IPV6_V6ONLY" },
    { op: "getsockname", sock: "u", expect: { value: ["$u.host", "$u.port"] } },
    { op: "getpeername", sock: "u", expect: { error: "ENOTCONN" } },
    { op: "poll", register: [["u", []], ["srv", ["POLLIN", "POLLPRI"]]], timeout: 0 },
    { op: "poll", register: [], timeout: null },
    { op: "select", r: ["u"], w: [], x: ["srv"], timeout: 0 },
    { op: "select" },
    { op: "sleep", seconds: 0 },
    { op: "send_frame", sock: "u", data: "x", framing: { kind: "delimiter", delimiter: { hex: "0d0a" }, escape: true, maxFrame: 10 } },
    { op: "send_frame", sock: "u", data: "x", framing: { kind: "length-prefix", encoding: "ascii", separator: "\u00a7" } },
    { op: "recv_frame", sock: "u", framing: { kind: "length-prefix", encoding: "ascii", width: 8 } },
    { op: "recv_frame", sock: "u", framing: { kind: "length-prefix", encoding: "u16le" } },
    { op: "close", sock: "conn" },
  ],
};

describe("the Python helper files", () => {
  it("are every .py file in helpers/, each read by the exporter (and inlined by the build)", () => {
    expect(readdirSync(HELPERS).filter((f) => f.endsWith(".py")).sort()).toEqual([...HELPER_FILES].sort());
  });

  it.each(HELPER_FILES)("%s compiles with python3 -m py_compile", (file) => {
    // Bytecode goes to a temporary folder, not into src/.
    const cache = mkdtempSync(join(tmpdir(), "socket-lab-pycache-"));
    try {
      const check = spawnSync("python3", ["-m", "py_compile", join(HELPERS, file)], { encoding: "utf8", env: { ...process.env, PYTHONPYCACHEPREFIX: cache } });
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe("the exported program's source", () => {
  it("reserves every top-level name of the preludes and the REPL program's own variables, and only those", () => {
    const names = new Set([...topLevelNames([CORE_PRELUDE, FRAMING_ERROR, FRAMING_PRELUDE, REPL_PRELUDE].join("\n")), ...REPL_VARIABLES]);
    expect([...names].sort()).toEqual([...EXPORT_RESERVED_NAMES].sort());
  });

  it.each(["transcript", "repl"] as const)("is valid Python for every op, whatever the strings hold (%s)", (style) => {
    const parsed = validateScenario(EVERY_OP);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(new Set(parsed.scenario.steps.map((s) => s.op))).toEqual(new Set(STEP_OPS));
    const source = exportPython(parsed.scenario, { style });
    const check = spawnSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: source, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("reads as one statement per step, narration as comments", () => {
    const parsed = validateScenario(EVERY_OP);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const source = exportPython(parsed.scenario, TRANSCRIPT);
    expect(source).toContain("# Step 1: line one\n# line two\nsrv = run(1, 'socket', lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM), name='srv')");
    expect(source).toContain("run(6, 'connect', lambda: u.connect((srv.getsockname()[0], srv.getsockname()[1])))");
    expect(source).toContain("run(10, 'sendall', lambda: u.sendall(b'\\x00\\xff'))");
    expect(source).toContain("run(14, 'shutdown', lambda: u.shutdown(socket.SHUT_RDWR))");
    expect(source).toContain("run(18, 'setsockopt', lambda: u.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 3)))");
    expect(source).toContain("run(25, 'poll', lambda: poll_names([('u', 0), ('srv', select.POLLIN | select.POLLPRI)], 0))");
    expect(source).toContain("expect={'value': ['$u.host', '$u.port']}");
    expect(source.trimEnd().endsWith("finish()")).toBe(true);
  });

  it("keeps notes and titles inert, whatever characters they hold", async () => {
    const evil = 'x\rprint("pwned")\u0000\u2028"""\nprint("pwned")';
    const parsed = validateScenario({
      name: evil,
      title: { en: evil, "zh-CN": evil },
      steps: [{ op: "socket", as: "s", note: { en: evil, "zh-CN": evil } }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const run = await runPython(exportPython(parsed.scenario, TRANSCRIPT));
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe('{"step": 1, "op": "socket", "ok": true, "value": null}\n');
    const repl = await runPython(exportPython(parsed.scenario));
    expect(repl.stderr).toBe("");
    expect(repl.stdout).toBe("");
    expect(repl.status).toBe(0);
  });

  it("writes a note of any length (130,000 lines) in both styles without overflowing, though files and the contract bound notes far lower", () => {
    const note = Array.from({ length: 130_000 }, (_, i) => `line ${i}`).join("\n");
    const refused = validateScenario({ name: "long", steps: [{ op: "socket", as: "s", note: { en: note, "zh-CN": "长" } }] });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining("at most 20,000 characters") } });
    const parsed = validateScenario({ name: "long", steps: [{ op: "socket", as: "s", note: { en: "short", "zh-CN": "长" } }] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    // The exporter is also a library: a scenario built in code is not bounded by the schema.
    const long = { ...parsed.scenario, steps: parsed.scenario.steps.map((step) => ({ ...step, note: { en: note, "zh-CN": "长" } })) };
    for (const style of ["transcript", "repl"] as const) {
      const source = exportPython(long, { style });
      expect(source).toContain("# Step 1: line 0\n# line 1\n");
      expect(source).toContain("# line 129999\n");
    }
  });

  it("leaves the framing helpers out when no step frames messages", () => {
    const parsed = validateScenario({ name: "plain", steps: [{ op: "socket", as: "s" }] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(exportPython(parsed.scenario, TRANSCRIPT)).not.toContain("def recv_frame");
    expect(exportPython(parsed.scenario)).not.toContain("def recv_frame");
  });
});
