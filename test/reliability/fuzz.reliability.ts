import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "../../src/main/bridge/dispatch";
import { LabService } from "../../src/main/bridge/lab-service";
import { Lab } from "../../src/main/lab/lab";
import { COMMAND_NAMES, type Reply } from "../../src/shared/contract";
import { isLabErrorInfo } from "../../src/shared/errors";
import { TCP_STATES } from "../../src/shared/socket-model";
import { fdCount, report, resourcesAbove, activeResources, settle, snapshotOf, tcpRoundTrip, udpRoundTrip, within } from "./helpers";
import { callArb, LessonScenario, LiveFd, LivePort, LOOPBACK_GROUP, Recent, SAFE_HOSTS, type GeneratedCall } from "./schema-arbitrary";

/**
 * Part 1: every command of the contract, through `dispatch` (the path every
 * front door uses), with inputs generated from the contract's schemas and
 * then broken. Each reply must be a result or a typed error; the Lab must
 * stay consistent after every call and still do TCP and UDP at the end.
 *
 * No call may legitimately block: before each call every socket is made
 * non-blocking, and poll/select get a timeout of 0.
 */

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 1500);
/** Fixed by default so every run explores the same inputs; RELIABILITY_SEED=random (or a number) explores others. */
const SEED = process.env.RELIABILITY_SEED === "random" ? undefined : Number(process.env.RELIABILITY_SEED ?? 20240611);
const JUNK_RUNS = Number(process.env.RELIABILITY_FUZZ_JUNK_RUNS ?? 10_000);
/** After this many sequences that left handles behind, stop waiting for each one (3 s apiece): the finding is made. */
const LEAK_CHECKS = 12;
const CALL_LIMIT_MS = 5000;

const lab = new Lab();
const service = new LabService(lab);
let lastSeq = 0;
const eventProblems: string[] = [];
/** Seqs of the latest data events: what `payload` can fetch. */
const dataSeqs: number[] = [];
lab.events.subscribe((event) => {
  if (event.type === "data") {
    dataSeqs.push(event.seq);
    if (dataSeqs.length > 8) dataSeqs.shift();
  }
  if (event.seq !== lastSeq + 1) eventProblems.push(`event seq ${event.seq} after ${lastSeq}`);
  lastSeq = event.seq;
  try {
    JSON.stringify(event);
  } catch (err) {
    eventProblems.push(`event ${event.seq} (${event.type}) is not JSON: ${(err as Error).message}`);
  }
});

const crashes: string[] = [];
const onRejection = (reason: unknown): void => void crashes.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
const onException = (err: Error): void => void crashes.push(`uncaughtException: ${err.stack ?? String(err)}`);

const stats = {
  calls: 0,
  ok: 0,
  errors: new Map<string, number>(),
  okByCommand: new Map<string, number>(),
  sanitized: 0,
};

function describeInput(input: unknown): string {
  try {
    return JSON.stringify(input, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof Map || v instanceof Set ? `[${v.constructor.name}]` : v))?.slice(0, 300) ?? Object.prototype.toString.call(input);
  } catch {
    try {
      return String(input);
    } catch {
      return Object.prototype.toString.call(input);
    }
  }
}

/** A printable name for anything, even objects whose toString throws. */
function nameOf(name: unknown): string {
  if (typeof name === "string") return name;
  try {
    return `<${typeof name}> ${describeInput(name)}`;
  } catch {
    return `<${typeof name}>`;
  }
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The latest ids the Lab handed out, for Recent placeholders. */
const recent = { job: 0, watcher: 0, session: 0, discovery: 0 };
/** The Lab's built-in lesson scenarios, when it has a `lessons` command. */
let lessons: unknown[] = [];

/** Replaces LiveFd/LivePort/Recent placeholders with the Lab's current fds, ports and ids. */
function resolve(value: unknown, fds: readonly number[], ports: readonly number[], depth = 0): unknown {
  if (value instanceof LiveFd) return fds.length > 0 ? fds[value.index % fds.length]! : 3 + value.index;
  if (value instanceof LivePort) return ports.length > 0 ? ports[value.index % ports.length]! : 1;
  if (value instanceof LessonScenario) return lessons.length > 0 ? structuredClone(lessons[value.index % lessons.length]) : { name: "none", steps: [] };
  if (value instanceof Recent && value.kind === "seq") return dataSeqs.at(-1 - (value.back % Math.max(1, dataSeqs.length))) ?? lab.events.lastSeq;
  if (value instanceof Recent) return Math.max(1, recent[value.kind as keyof typeof recent] - value.back);
  if (depth > 4) return value;
  if (Array.isArray(value)) {
    const mapped = value.map((v: unknown) => resolve(v, fds, ports, depth + 1));
    return mapped.some((v, i) => v !== value[i]) ? mapped : value;
  }
  if (isPlain(value)) {
    let changed = false;
    const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) {
      const v = resolve(value[key], fds, ports, depth + 1);
      if (v !== value[key]) changed = true;
      Object.defineProperty(copy, key, { value: v, enumerable: true, configurable: true, writable: true });
    }
    return changed ? copy : value;
  }
  return value;
}

const safeHosts: ReadonlySet<unknown> = new Set(SAFE_HOSTS);

/**
 * Keeps every call's traffic on loopback: a host that is not a loopback or
 * wildcard literal (which would mean DNS, or a real network) becomes
 * 127.0.0.1; a would-be multicast group becomes a non-group; poll/select
 * never wait; repeat jobs stay short.
 */
function sanitize(name: unknown, input: unknown): unknown {
  if (!isPlain(input)) return input;
  const out: Record<string, unknown> = input;
  const touch = (key: string, value: unknown): void => {
    stats.sanitized += 1;
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  };
  const address = out.address;
  if (Array.isArray(address) && address.length >= 1 && typeof address[0] === "string" && !safeHosts.has(address[0])) {
    touch("address", ["127.0.0.1", ...address.slice(1)]);
  }
  // A real group only on loopback's interface: a join anywhere else would send IGMP/MLD off the machine.
  const multicast = typeof out.group === "string" && /^(2(2[4-9]|3\d)\.|ff)/i.test(out.group.trim());
  if (multicast && !(out.group === LOOPBACK_GROUP && out.iface === "127.0.0.1")) touch("group", "not-a-group");
  if ((name === "poll" || name === "select") && "timeout" in out) {
    const t = out.timeout;
    if (t === null || (typeof t === "number" && t > (name === "poll" ? 20 : 0.02))) touch("timeout", 0);
  }
  if (name === "repeat" && typeof out.count === "number" && out.count > 5) touch("count", 3);
  // Discovery without an interface probes every one that is up: only loopback here, and never for long.
  if (name === "discover_start") {
    touch("iface", "lo");
    if (out.timeout === null || (typeof out.timeout === "number" && out.timeout > 1)) touch("timeout", 0.5);
    if (Array.isArray(out.probes)) touch("probes", out.probes.map((p: unknown) => (isPlain(p) ? { ...p, address: "127.0.0.1" } : p)));
  }
  if (name === "discover_poll" && typeof out.wait_ms === "number" && out.wait_ms > 20) touch("wait_ms", 0);
  // A scenario's own waits: sleep steps and poll/select without a timeout would block on purpose.
  if ((name === "scenario_open" || name === "export_python") && isPlain(out.scenario) && Array.isArray(out.scenario.steps)) {
    const steps = out.scenario.steps.map((step: unknown) => {
      if (!isPlain(step)) return step;
      if (step.op === "sleep" && typeof step.seconds === "number" && step.seconds > 0.01) return { ...step, seconds: 0 };
      if ((step.op === "poll" || step.op === "select") && step.timeout !== 0) return { ...step, timeout: 0 };
      return step;
    });
    touch("scenario", { ...out.scenario, steps });
  }
  return out;
}

/**
 * Every distinct problem, with the first input (and the sequence so far)
 * that showed it. The fuzz keeps going after one, so a single run reports
 * them all; the test fails at the end if there are any.
 */
const problems = new Map<string, string>();
let sequence: string[] = [];

function problem(kind: string, detail: string, example: string): void {
  const key = `${kind}: ${detail}`;
  if (!problems.has(key)) problems.set(key, `${example}\n      after: ${sequence.slice(-8).join(" ; ") || "(nothing)"}`);
}

const FRAMING_CODES: ReadonlySet<string> = new Set(["FRAME_TOO_LARGE", "TRUNCATED_FRAME", "BAD_LENGTH", "DELIMITER_IN_PAYLOAD"]);

function checkReply(call: GeneratedCall, input: unknown, reply: Reply): void {
  const where = `${nameOf(call.name)}(${describeInput(input)})`;
  if (typeof reply !== "object" || reply === null || (reply.ok !== true && reply.ok !== false)) {
    problem("malformed reply", describeInput(reply), where);
    return;
  }
  if (reply.ok) {
    if (!Object.hasOwn(reply, "result")) problem("reply without result", nameOf(call.name), where);
    try {
      // It crosses the WebSocket as JSON.
      JSON.stringify(reply.result);
    } catch (err) {
      problem("result is not JSON", `${nameOf(call.name)}: ${(err as Error).message}`, where);
    }
    stats.ok += 1;
    stats.okByCommand.set(nameOf(call.name), (stats.okByCommand.get(nameOf(call.name)) ?? 0) + 1);
    return;
  }
  if (!isLabErrorInfo(reply.error) || reply.error.type.length === 0 || reply.error.message.length === 0) {
    problem("untyped error reply", describeInput(reply.error), where);
    return;
  }
  // errno symbols (EBADF), getaddrinfo's (EAI_NONAME), and the framing codes FramingError carries by design.
  const framing = reply.error.type === "FramingError" && FRAMING_CODES.has(reply.error.errno ?? "");
  if (reply.error.errno !== null && !framing && !/^E[A-Z0-9_]+$/.test(reply.error.errno)) problem("odd errno", `${reply.error.type}/${reply.error.errno}`, where);
  const key = `${reply.error.type}/${reply.error.errno ?? "-"}`;
  stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
  if (reply.error.errno === null && reply.error.type !== "TimeoutError") {
    // No errno and not a timeout: a Node or JS error that crossed the contract untranslated.
    problem("error without errno", `${nameOf(call.name)}: ${reply.error.type}: ${reply.error.message}`, where);
  }
}

async function checkConsistent(context: string): Promise<void> {
  const snap = await lab.call("snapshot", {});
  const fds = snap.sockets.map((s) => s.fd);
  if (new Set(fds).size !== fds.length) problem("duplicate fds in snapshot", fds.join(","), context);
  if (snap.sockets.length !== lab.socketCount) problem("snapshot size differs from socketCount", `${snap.sockets.length} vs ${lab.socketCount}`, context);
  if (snap.seq !== lab.events.lastSeq) problem("snapshot seq is not the last event", `${snap.seq} vs ${lab.events.lastSeq}`, context);
  for (const s of snap.sockets) {
    if (s.fd < 3) problem("fd below 3", String(s.fd), context);
    if (!(TCP_STATES as readonly string[]).includes(s.state)) problem("unknown state", s.state, context);
    // How a connection ended is said only of a TCP socket that has none (CLOSE).
    if (s.ended !== null && (s.type !== "SOCK_STREAM" || s.state !== "CLOSE")) problem("an ending on a live socket", `${s.type} ${s.state} ${s.ended}`, context);
    if (s.recvQueue.used < 0 || s.sendQueue.used < 0 || s.acceptQueue.used < 0) problem("negative queue", JSON.stringify(s), context);
  }
  try {
    JSON.stringify(snap);
  } catch (err) {
    problem("snapshot is not JSON", (err as Error).message, context);
  }
}

async function runCall(call: GeneratedCall): Promise<void> {
  const sockets = await snapshotOf(lab);
  for (const s of sockets) if (s.timeout !== 0) await lab.call("settimeout", { fd: s.fd, seconds: 0 });
  const fds = sockets.map((s) => s.fd);
  const ports = sockets.map((s) => s.local?.[1] ?? 0).filter((p) => p > 0);
  const input = sanitize(call.name, resolve(call.input, fds, ports));
  stats.calls += 1;
  const where = `${nameOf(call.name)}(${describeInput(input)})`;
  let reply: Reply;
  try {
    reply = await within(dispatch(service, call.name, input), CALL_LIMIT_MS, () => where);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (message.startsWith("hung for")) problem("call hung", nameOf(call.name), where);
    else problem("dispatch threw instead of replying", `${(err as Error).name}: ${message}`, where);
    sequence.push(`${where} → threw`);
    return;
  }
  checkReply(call, input, reply);
  if (reply.ok && call.name === "repeat") recent.job = (reply.result as { job: number }).job;
  if (reply.ok && call.name === "watch") recent.watcher = (reply.result as { watcher: number }).watcher;
  if (reply.ok && call.name === "scenario_open") recent.session = (reply.result as { session: number }).session;
  if (reply.ok && call.name === "discover_start") recent.discovery = (reply.result as { discovery: number }).discovery;
  sequence.push(`${where} → ${reply.ok ? "ok" : `${reply.error.type}/${reply.error.errno}`}`);
  await checkConsistent(where);
}

/** What each sequence starts from: an empty Lab, or some real sockets already in interesting states. */
const preludeArb = fc.record({ listener: fc.boolean(), pending: fc.boolean(), pair: fc.boolean(), bytes: fc.boolean(), udp: fc.boolean(), datagram: fc.boolean() });
type Prelude = typeof preludeArb extends fc.Arbitrary<infer T> ? T : never;

async function setUp(prelude: Prelude): Promise<void> {
  if (prelude.listener || prelude.pair) {
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 8 });
    const address = await lab.call("getsockname", { fd: server });
    if (prelude.pair) {
      const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
      await lab.call("connect", { fd: client, address });
      const { fd: conn } = await lab.call("accept", { fd: server });
      if (prelude.bytes) {
        await lab.call("sendall", { fd: client, data: "hello\n" });
        await lab.call("sendall", { fd: conn, data: { hex: "0003616263" } });
      }
    }
    if (prelude.pending) {
      const { fd: waiting } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
      await lab.call("connect", { fd: waiting, address });
    }
  }
  if (prelude.udp) {
    const { fd: a } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: a, address: ["127.0.0.1", 0] });
    const { fd: b } = await lab.call("socket", { family: "AF_INET6", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: b, address: ["::1", 0] });
    if (prelude.datagram) await lab.call("sendto", { fd: a, data: "dgram", address: await lab.call("getsockname", { fd: a }) });
  }
}

let fdBaseline = 0;
let leakedRuns = 0;
let resourceBaseline: Record<string, number> = {};

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  if ((COMMAND_NAMES as readonly string[]).includes("lessons")) {
    const reply = await dispatch(service, "lessons", {});
    if (reply.ok) lessons = (reply.result as { scenario: unknown }[]).map((l) => l.scenario);
  }
  // Warm up Node's lazily created handles before taking the baseline.
  await tcpRoundTrip(lab);
  await udpRoundTrip(lab);
  fdBaseline = fdCount();
  resourceBaseline = activeResources();
});

afterAll(() => {
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
  lab.closeAll();
});

describe("fuzz: every command, valid-ish and malformed input, through dispatch", () => {
  it(`${RUNS} sequences of generated calls leave a consistent Lab that still does TCP and UDP`, async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(preludeArb, fc.array(callArb(COMMAND_NAMES), { minLength: 1, maxLength: 40 }), async (prelude, calls) => {
        sequence = [`prelude ${JSON.stringify(prelude)}`];
        const before = activeResources();
        try {
          await setUp(prelude);
          for (const call of calls) await runCall(call);
        } finally {
          // Each sequence starts from an empty Lab, so a failure shrinks to a short, replayable sequence.
          lab.closeAll();
        }
        // Once every socket is closed, its handles must go (all peers are Lab sockets, closed too).
        if (leakedRuns < LEAK_CHECKS && (await settle(() => Object.keys(resourcesAbove(before)).length === 0, 3000, 5)) === null) {
          problem("handles still open 3 s after closeAll", JSON.stringify(resourcesAbove(before)), sequence.join(" ; "));
          leakedRuns += 1;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const fuzzMs = performance.now() - started;

    // Alive and consistent: a full TCP and UDP round trip, then nothing left behind.
    await checkConsistent("the fuzz");
    await tcpRoundTrip(lab);
    await udpRoundTrip(lab);
    lab.closeAll();
    expect(await snapshotOf(lab)).toEqual([]);
    const settledIn = await settle(() => fdCount() <= fdBaseline && Object.keys(resourcesAbove(resourceBaseline)).length === 0, 15_000);

    const notOk = COMMAND_NAMES.filter((n) => !stats.okByCommand.has(n));
    report("fuzz", {
      runs: RUNS,
      seed: SEED ?? "random",
      lessonScenarios: lessons.length,
      calls: stats.calls,
      ok: stats.ok,
      ms: Math.round(fuzzMs),
      callsPerSecond: Math.round(stats.calls / (fuzzMs / 1000)),
      sanitizedForSafety: stats.sanitized,
      sequencesLeavingHandles: leakedRuns,
      errors: Object.fromEntries([...stats.errors].sort((a, b) => b[1] - a[1])),
      okByCommand: Object.fromEntries(stats.okByCommand),
      commandsNeverOk: notOk,
      fdBaseline,
      fdAfter: fdCount(),
      fdSettledMs: settledIn === null ? null : Math.round(settledIn),
      resourcesAboveBaseline: resourcesAbove(resourceBaseline),
    });
    const found = [...problems].map(([key, example]) => `${key}\n      e.g. ${example}`);
    if (found.length > 0) console.log(`[reliability] fuzz found ${found.length} distinct problem(s):\n  ${found.join("\n  ")}`);
    expect(crashes, crashes.join("\n")).toEqual([]);
    expect(eventProblems.slice(0, 5)).toEqual([]);
    expect(found, "distinct problems the fuzz found (details printed above)").toEqual([]);
    expect(settledIn, `fds ${fdCount()} vs baseline ${fdBaseline}; resources above baseline ${JSON.stringify(resourcesAbove(resourceBaseline))}`).not.toBeNull();
  });

  it(`${JUNK_RUNS} arbitrary values as the input of every command (and as the name) get typed errors`, async () => {
    const names = fc.oneof(fc.constantFrom<unknown>(...COMMAND_NAMES), fc.anything());
    let rejected = 0;
    problems.clear();
    await fc.assert(
      fc.asyncProperty(names, fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true }), async (name, raw) => {
        for (const s of await snapshotOf(lab)) if (s.timeout !== 0) await lab.call("settimeout", { fd: s.fd, seconds: 0 });
        const input = sanitize(name, raw);
        sequence = [];
        await runCall({ name, input });
        if (sequence.at(-1)?.includes("→ ok") === false) rejected += 1;
      }),
      { numRuns: JUNK_RUNS, seed: SEED },
    );
    lab.closeAll();
    await checkConsistent("junk inputs");
    await tcpRoundTrip(lab);
    await udpRoundTrip(lab);
    report("fuzz-junk", { runs: JUNK_RUNS, rejected });
    const found = [...problems].map(([key, example]) => `${key}\n      e.g. ${example}`);
    if (found.length > 0) console.log(`[reliability] junk fuzz found ${found.length} distinct problem(s):\n  ${found.join("\n  ")}`);
    expect(crashes, crashes.join("\n")).toEqual([]);
    expect(found, "distinct problems (details printed above)").toEqual([]);
  });
});
