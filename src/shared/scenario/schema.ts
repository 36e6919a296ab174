import { z } from "zod";
import { isHex } from "../bytes";
import { hostNameProblem } from "../hosts";
import { jsonBoundsProblem } from "../json-bounds";
import { framingSchema } from "../framing";
import { MSG_FLAG_NAMES } from "../msg-flags";
import { POLL_FLAG_NAMES } from "../poll-flags";
import { FAMILIES, SHUT_NAMES, SOCKET_TYPES, type ShutName } from "../socket-model";
import { socketNameProblem } from "./names";
import { isFromRef, isHostRef, isPortRef, type FromRef, type PortRef } from "./references";
import { READ_ONLY_SOCKOPTS, SOCKOPT_LEVEL_NAMES, SOCKOPT_NAMES, levelOf } from "./sockopts";

/**
 * Scenario format v1 (DESIGN.md, "Scenario format v1"). Every message here is
 * written for the person who typed the file; the parser prefixes it with the
 * step and field it belongs to.
 */

const MAX_BYTES = 16 * 1024 * 1024;
export const SCENARIO_LIMITS = {
  nameLength: 100,
  /** A title or a step's note, per language: a lesson's longest narration is under 1,000 characters. */
  textLength: 20_000,
  steps: 10_000,
  /** Python's parser gives up at 200 nested brackets; an expected value is printed inside a few of them. */
  expectDepth: 32,
} as const;

const localized = z
  .string("expected text")
  .max(SCENARIO_LIMITS.textLength, `at most ${SCENARIO_LIMITS.textLength.toLocaleString("en")} characters`);
const text = z.strictObject({ en: localized, "zh-CN": localized });

const hexBytes = z.strictObject({
  hex: z.string("hex must be a string of hex digits (quote it in YAML)").refine(isHex, "hex must be pairs of hex digits"),
});

/** UTF-8 text or `{hex}`. */
const data = z.union([z.string().max(MAX_BYTES), hexBytes], {
  error: 'expected text or {"hex": "…"}',
});

/** An existing socket, by the name a `socket` or `accept` step gave it. */
const sockRef = z.string("expected a socket name").regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a socket name");

const newName = z.string("expected a socket name").check((ctx) => {
  const problem = socketNameProblem(ctx.value);
  if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
});

const host = z
  .string('expected a host name or address, or "$name.host"')
  .max(255, "a host is at most 255 characters")
  .refine((h) => !h.startsWith("$") || isHostRef(h), 'a reference in the host position must be "$name.host"');

const PORT_MESSAGE = 'expected a port number from 0 to 65535, or "$name.port"';
const port = z.custom<number | PortRef>(
  (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 65535) || isPortRef(v),
  PORT_MESSAGE,
);

/** Where a socket binds: its own address, never another's. */
const ownAddress = z.tuple([host, port], "expected an address [host, port]");

/** Where a socket connects or sends: also "$name.from", the sender of name's last datagram. */
const ADDRESS_MESSAGE = 'expected an address [host, port], or "$name.from" (the address name\'s last recvfrom() returned)';
const address = z.union([z.tuple([host, port], ADDRESS_MESSAGE), z.string().pipe(z.custom<FromRef>(isFromRef, ADDRESS_MESSAGE))], { error: ADDRESS_MESSAGE });

const seconds = z.number("expected a number of seconds").min(0, "seconds must not be negative").max(3600, "at most 3600 seconds");

const expectation = z
  .custom<{ value: unknown } | { error: string }>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      !Array.isArray(v) &&
      Object.keys(v).length === 1 &&
      (("value" in v && v.value !== undefined) || ("error" in v && typeof v.error === "string" && v.error.length > 0 && v.error.length <= 64)),
    'expected {"value": …} or {"error": "ERRNO or ExceptionType"}',
  )
  .check((ctx) => {
    if (!("value" in ctx.value)) return;
    const problem = jsonBoundsProblem(ctx.value.value, { maxDepth: SCENARIO_LIMITS.expectDepth, maxNodes: 1_000_000 });
    if (problem) ctx.issues.push({ code: "custom", path: ["value"], input: ctx.value.value, message: `an expected value may not be ${problem}` });
  });

/** Hex in transcripts is lower case; expectations compare equal regardless of how they were typed. */
function lowerHex(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerHex);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "hex" && typeof entries[0]![1] === "string") {
      return { hex: entries[0]![1].toLowerCase() };
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, lowerHex(v)]));
  }
  return value;
}

export type Expectation = { readonly value: unknown } | { readonly error: string };

const expect = expectation.transform((e): Expectation => ("error" in e ? { error: e.error } : { value: lowerHex(e.value) }));

/** The Lab a step runs on (a multi-host scenario, `socket-lab run --host NAME=URL`); left out, the local one. */
export const hostName = z.string("expected a host name").check((ctx) => {
  const problem = hostNameProblem(ctx.value);
  if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
});

function step<Op extends string, Shape extends z.ZodRawShape>(op: Op, shape: Shape) {
  return z.strictObject({ op: z.literal(op), host: hostName.optional(), ...shape, expect: expect.optional(), note: text.optional() });
}

const how = z.custom<ShutName | 0 | 1 | 2>(
  (v) => (SHUT_NAMES as readonly unknown[]).includes(v) || v === 0 || v === 1 || v === 2,
  `expected ${SHUT_NAMES.map((n) => `"${n}"`).join(", ")} or 0, 1, 2`,
).transform((v) => (typeof v === "number" ? SHUT_NAMES[v]! : v));

const pollFlag = z.enum(POLL_FLAG_NAMES as [string, ...string[]], {
  error: `expected a poll flag: ${POLL_FLAG_NAMES.join(", ")}`,
}) as z.ZodType<(typeof POLL_FLAG_NAMES)[number]>;

const msgFlags = z
  .array(z.enum(MSG_FLAG_NAMES, { error: `expected a flag: ${MSG_FLAG_NAMES.join(", ")}` }))
  .max(MSG_FLAG_NAMES.length)
  .refine((list) => new Set(list).size === list.length, "each flag at most once")
  .optional();
const int32 = z.number().int("expected an integer").min(-(2 ** 31)).max(2 ** 31 - 1);
const linger = z.tuple([z.union([z.boolean(), z.literal(0), z.literal(1)]).transform(Number), z.number().int().min(0).max(65535)], {
  error: "SO_LINGER takes [onoff, seconds]",
});

const sockoptTarget = {
  sock: sockRef,
  level: z.enum(SOCKOPT_LEVEL_NAMES, { error: `expected a level: ${SOCKOPT_LEVEL_NAMES.join(", ")}` }),
  name: z.enum(SOCKOPT_NAMES, { error: `expected an option name: ${SOCKOPT_NAMES.join(", ")}` }),
};

function checkLevel(ctx: z.core.ParsePayload<{ level: string; name: (typeof SOCKOPT_NAMES)[number] }>): void {
  const { level, name } = ctx.value;
  if (levelOf(name) !== level) {
    ctx.issues.push({ code: "custom", path: ["name"], input: name, message: `${name} is a ${levelOf(name)} option, not ${level}` });
  }
}

const setsockopt = step("setsockopt", {
  ...sockoptTarget,
  value: z.union([int32, z.boolean().transform(Number), linger], { error: "expected an integer, a boolean, or [onoff, seconds]" }),
}).check((ctx) => {
  checkLevel(ctx);
  const { name, value } = ctx.value;
  if (READ_ONLY_SOCKOPTS.has(name)) ctx.issues.push({ code: "custom", path: ["name"], input: name, message: `${name} can only be read` });
  else if ((name === "SO_LINGER") !== Array.isArray(value)) {
    ctx.issues.push({
      code: "custom",
      path: ["value"],
      input: value,
      message: name === "SO_LINGER" ? "SO_LINGER takes [onoff, seconds]" : `${name} takes an integer`,
    });
  }
});

const getsockopt = step("getsockopt", sockoptTarget).check(checkLevel);

export const stepSchema = z.discriminatedUnion("op", [
  step("socket", {
    as: newName,
    family: z.enum(FAMILIES, { error: "expected AF_INET or AF_INET6" }).default("AF_INET"),
    type: z.enum(SOCKET_TYPES, { error: "expected SOCK_STREAM or SOCK_DGRAM" }).default("SOCK_STREAM"),
  }),
  step("bind", { sock: sockRef, address: ownAddress }),
  step("listen", { sock: sockRef, backlog: z.number().int().min(0).max(65535).optional() }),
  step("accept", { sock: sockRef, as: newName }),
  step("connect", { sock: sockRef, address }),
  step("connect_ex", { sock: sockRef, address }),
  step("send", { sock: sockRef, data, flags: msgFlags }),
  step("sendall", { sock: sockRef, data }),
  step("sendto", { sock: sockRef, data, address, flags: msgFlags }),
  step("recv", { sock: sockRef, bufsize: z.number().int("bufsize must be an integer").min(0).max(MAX_BYTES), flags: msgFlags }),
  step("recvfrom", { sock: sockRef, bufsize: z.number().int("bufsize must be an integer").min(0).max(MAX_BYTES), flags: msgFlags }),
  step("shutdown", { sock: sockRef, how }),
  step("close", { sock: sockRef }),
  step("settimeout", { sock: sockRef, seconds: seconds.nullable() }),
  step("setblocking", { sock: sockRef, flag: z.boolean("expected true or false") }),
  setsockopt,
  getsockopt,
  step("getsockname", { sock: sockRef }),
  step("getpeername", { sock: sockRef }),
  step("poll", {
    register: z.array(z.tuple([sockRef, z.array(pollFlag)], 'expected [name, ["POLLIN", …]]')),
    /** Milliseconds; null (or left out) blocks until something is ready, as poll() with no timeout. */
    timeout: z.number("expected milliseconds or null").min(0).max(3_600_000).nullable().default(null),
  }),
  step("select", {
    r: z.array(sockRef).default([]),
    w: z.array(sockRef).default([]),
    x: z.array(sockRef).default([]),
    /** Seconds; null (or left out) blocks. */
    timeout: seconds.nullable().default(null),
  }),
  step("sleep", { seconds }),
  step("send_frame", { sock: sockRef, data, framing: framingSchema }),
  step("recv_frame", { sock: sockRef, framing: framingSchema }),
]);

export const STEP_OPS = stepSchema.options.map((o) => o.shape.op.value);

export const scenarioSchema = z.strictObject({
  name: z
    .string("expected a scenario name")
    .min(1, "a scenario needs a name")
    .max(SCENARIO_LIMITS.nameLength, `a scenario name is at most ${SCENARIO_LIMITS.nameLength} characters`),
  title: text.optional(),
  steps: z
    .array(stepSchema, "expected a list of steps")
    .min(1, "a scenario needs at least one step")
    .max(SCENARIO_LIMITS.steps, `a scenario has at most ${SCENARIO_LIMITS.steps.toLocaleString("en")} steps`),
}, 'expected a scenario: {"name": …, "steps": […]}');

export type Step = z.output<typeof stepSchema>;
export type StepOp = Step["op"];
export type Scenario = z.output<typeof scenarioSchema>;
/** What a file may contain: defaults may be left out, `how` may be 0/1/2. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type LocalizedText = z.output<typeof text>;
