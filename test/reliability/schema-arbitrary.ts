import fc from "fast-check";
import { z } from "zod";
import { commandSchemas, type CommandName } from "../../src/shared/contract";
import { levelOf, SOCKOPT_NAMES } from "../../src/shared/scenario/sockopts";

/**
 * Valid-ish inputs for every command, generated from the contract's own
 * schemas (via their JSON Schema), with the fields that carry meaning
 * (fds, addresses, payloads, timeouts) drawn from values that reach real
 * Lab states, and then mutated: keys dropped, extra keys added, values
 * replaced with junk of any type.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** An fd that is open at the time of the call: resolved against the Lab's snapshot just before dispatch. */
export class LiveFd {
  constructor(readonly index: number) {}
}

/** The port of one of the Lab's own bound sockets (so traffic only ever meets the Lab itself). */
export class LivePort {
  constructor(readonly index: number) {}
}

/** An id the Lab handed out recently (a job, a watcher, an event's seq): `back` steps before the latest. */
export class Recent {
  constructor(
    readonly kind: "job" | "watcher" | "seq" | "session" | "discovery",
    readonly back: number,
  ) {}
}

/** One of the Lab's built-in lesson scenarios (fetched with the `lessons` command before the fuzz starts). */
export class LessonScenario {
  constructor(readonly index: number) {}
}

/**
 * Hosts that never need DNS and never leave the machine: loopback and
 * wildcard literals, and "localhost" (answered from /etc/hosts). Any other
 * name would be a DNS query to a non-loopback resolver.
 */
export const SAFE_HOSTS = ["127.0.0.1", "::1", "", "localhost", "0.0.0.0", "::", "127.0.0.2", "127.255.255.255", "::ffff:127.0.0.1"] as const;

/**
 * Mostly not multicast groups; the one real group is only ever joined on
 * loopback's interface (the harness turns it into a non-group otherwise), so
 * no IGMP report leaves the machine.
 */
export const LOOPBACK_GROUP = "239.255.42.99";
const SAFE_GROUPS = ["127.0.0.1", "", "not-a-group", "::1", "0.0.0.0", "1.2.3", "224", LOOPBACK_GROUP] as const;

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withNullPrototype: true,
    withObjectString: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, -1, 2 ** 53, 2 ** 31, 1.5, "", "3", "__proto__", [], {}, null, undefined, true, false, [1], [["127.0.0.1", 1]]),
);

const fdArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.nat(15).map((i) => new LiveFd(i)), weight: 12 },
  { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 3 },
  { arbitrary: fc.constantFrom(0, 1, 2, 1_000_000), weight: 1 },
);

const portArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.nat(15).map((i) => new LivePort(i)), weight: 8 },
  // 0 (ephemeral), 1 (tcpmux, nothing listens: refused).
  { arbitrary: fc.constantFrom(0, 1), weight: 2 },
);

const hostArb = fc.constantFrom(...SAFE_HOSTS);
const addressArb = fc.tuple(hostArb, portArb);

const hexDigits = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString("hex"));
const dataArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 24 }), weight: 6 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }), weight: 1 },
  { arbitrary: hexDigits.map((hex) => ({ hex })), weight: 4 },
  { arbitrary: fc.string({ maxLength: 6 }).map((hex) => ({ hex })), weight: 1 },
  { arbitrary: fc.constantFrom(65_507, 65_508, 70_000).map((n) => "x".repeat(n)), weight: 1 },
);

const secondsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 0.001, 0.02, 0.05),
  fc.double({ min: 0, max: 86_400, noNaN: true }),
);

/** Field names whose values are drawn from meaningful values rather than from the bare schema. */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  fd: fdArb,
  address: addressArb,
  data: dataArb,
  reply: fc.oneof(fc.constant(null), dataArb),
  group: fc.constantFrom(...SAFE_GROUPS),
  iface: fc.oneof(fc.constant(null), fc.constantFrom("127.0.0.1", "", "::1", "lo", "junk", "0.0.0.0")),
  bufsize: fc.oneof(fc.constantFrom(0, 1, 16 * 1024 * 1024), fc.integer({ min: 1, max: 4096 })),
  seconds: secondsArb,
  count: fc.integer({ min: 1, max: 3 }),
  // Some jobs still run when the next call comes (cancel_job has something to cancel).
  interval_ms: fc.constantFrom(0, 1, 2, 50, 200),
  seq: fc.oneof(fc.nat(6).map((k) => new Recent("seq", k)), fc.integer({ min: 1, max: 400 })),
  job: fc.oneof(fc.nat(2).map((k) => new Recent("job", k)), fc.integer({ min: 1, max: 40 })),
  watcher: fc.oneof(fc.nat(2).map((k) => new Recent("watcher", k)), fc.integer({ min: 1, max: 40 })),
  session: fc.oneof({ arbitrary: fc.nat(2).map((k) => new Recent("session", k)), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 }),
  discovery: fc.oneof({ arbitrary: fc.nat(2).map((k) => new Recent("discovery", k)), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 }),
  // poll/select must never wait: timeout 0 (the harness also clamps mutated ones).
  timeout: fc.constant(0),
  backlog: fc.constantFrom(0, 1, 5, 128, 65535),
  maxEntries: fc.constantFrom(1, 10, 1000, 200_000),
  maxBytes: fc.constantFrom(1024, 65536, 64 * 1024 * 1024),
  value: fc.oneof(fc.integer({ min: -2, max: 300_000 }), fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 }))),
  fds: fc.array(fc.tuple(fdArb, fc.oneof(fc.constantFrom(1, 4, 0x3ff, 0), fc.integer({ min: 0, max: 0xffff }))), { maxLength: 4 }),
  r: fc.array(fdArb, { maxLength: 3 }),
  w: fc.array(fdArb, { maxLength: 3 }),
  x: fc.array(fdArb, { maxLength: 3 }),
};

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const name = ref.replace(/^#\/\$defs\//, "");
  const target = root.$defs?.[name];
  if (!target) throw new Error(`unresolved $ref ${ref}`);
  return target;
}

/** An arbitrary of values that satisfy (or nearly satisfy: refinements are not in JSON Schema) `schema`. */
function fromSchema(schema: JsonSchema, root: JsonSchema, depth: number, field?: string): fc.Arbitrary<unknown> {
  // Only a command's own fields (depth 1); a scenario's nested fields follow their schema.
  if (field && FIELDS[field] && depth === 1) return FIELDS[field]!;
  if (schema.$ref) return fromSchema(resolveRef(root, schema.$ref), root, depth, field);
  if (depth > 6) return junk;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, root, depth + 1, field)));
  if (schema.allOf) return fromSchema(schema.allOf[0]!, root, depth + 1, field);
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "integer": {
      const min = Math.max(schema.minimum ?? -(2 ** 31), Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? 2 ** 31, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.constantFrom(min, max, Math.min(min + 1, max)), fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }));
    }
    case "number": {
      const min = schema.exclusiveMinimum ?? schema.minimum ?? -1e9;
      const max = schema.exclusiveMaximum ?? schema.maximum ?? 1e9;
      return fc.double({ min, max, noNaN: true, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined });
    }
    case "string":
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 12, 12)) });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromSchema(s, root, depth + 1)));
      const item = schema.items ? fromSchema(schema.items, root, depth + 1) : junk;
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) record[key] = fromSchema(sub, root, depth + 1, key);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      return junk;
  }
}

type Mutation =
  | { kind: "none" }
  | { kind: "drop"; pick: number }
  | { kind: "extra"; key: string; value: unknown }
  | { kind: "replace"; pick: number; value: unknown }
  | { kind: "whole"; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant<Mutation>({ kind: "none" }), weight: 14 },
  { arbitrary: fc.nat().map<Mutation>((pick) => ({ kind: "drop", pick })), weight: 2 },
  {
    arbitrary: fc.record({ key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "fd", "toString")), value: junk }).map<Mutation>((m) => ({ kind: "extra", ...m })),
    weight: 1,
  },
  { arbitrary: fc.record({ pick: fc.nat(), value: junk }).map<Mutation>((m) => ({ kind: "replace", ...m })), weight: 3 },
  { arbitrary: junk.map<Mutation>((value) => ({ kind: "whole", value })), weight: 1 },
);

function applyMutation(input: unknown, mutation: Mutation): unknown {
  if (mutation.kind === "none" || typeof input !== "object" || input === null) return mutation.kind === "whole" ? mutation.value : input;
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const keys = Object.keys(copy);
  switch (mutation.kind) {
    case "whole":
      return mutation.value;
    case "drop":
      if (keys.length > 0) delete copy[keys[mutation.pick % keys.length]!];
      return copy;
    case "extra":
      // defineProperty, so "__proto__" becomes an own key rather than a prototype change.
      Object.defineProperty(copy, mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
      return copy;
    case "replace":
      if (keys.length > 0) copy[keys[mutation.pick % keys.length]!] = mutation.value;
      return copy;
  }
}

const lingerOrInt = (name: string): fc.Arbitrary<unknown> =>
  name === "SO_LINGER" ? fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 3 })) : fc.oneof(fc.constantFrom(0, 1, 2, 4096, 65536), fc.integer({ min: -2, max: 300_000 }));

/** A small scenario that parses (the schema alone rarely yields one: its ports and names are custom checks). */
const VALID_SCENARIO = {
  name: "echo once",
  steps: [
    { op: "socket", as: "srv" },
    { op: "bind", sock: "srv", address: ["127.0.0.1", 0] },
    { op: "listen", sock: "srv", backlog: 1 },
    { op: "socket", as: "cli" },
    { op: "connect", sock: "cli", address: ["127.0.0.1", "$srv.port"] },
    { op: "accept", sock: "srv", as: "conn" },
    { op: "sendall", sock: "cli", data: "hi" },
    { op: "recv", sock: "conn", bufsize: 16, expect: { value: "hi" } },
    { op: "setsockopt", sock: "conn", level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] },
    { op: "close", sock: "conn" },
    { op: "recv", sock: "cli", bufsize: 16, expect: { error: "ECONNRESET" } },
  ],
};

/** Whole inputs with coherent fields, for commands whose fields depend on each other. */
const COHERENT: Partial<Record<CommandName, fc.Arbitrary<unknown>>> = {
  setsockopt: fc.constantFrom(...SOCKOPT_NAMES).chain((name) => fc.record({ fd: fdArb, level: fc.constant(levelOf(name)), name: fc.constant(name), value: lingerOrInt(name) })),
  getsockopt: fc.constantFrom(...SOCKOPT_NAMES).chain((name) => fc.record({ fd: fdArb, level: fc.constant(levelOf(name)), name: fc.constant(name) })),
  join_group: fc.record({ fd: fdArb, group: fc.constant(LOOPBACK_GROUP), iface: fc.constant("127.0.0.1") }),
  leave_group: fc.record({ fd: fdArb, group: fc.constant(LOOPBACK_GROUP), iface: fc.constant("127.0.0.1") }),
  export_python: fc.oneof(fc.constant({ scenario: VALID_SCENARIO }), fc.nat(50).map((i) => ({ scenario: new LessonScenario(i) }))),
  scenario_open: fc.oneof(fc.constant({ scenario: VALID_SCENARIO }), fc.nat(50).map((i) => ({ scenario: new LessonScenario(i) }))),
  // Discovery on loopback only (the harness forces iface "lo" whatever is generated), briefly.
  discover_start: fc.record(
    {
      protocols: fc.subarray(["mdns", "ssdp", "wsd", "llmnr", "nbns"], { minLength: 1 }),
      iface: fc.constant("lo"),
      passive: fc.boolean(),
      name: fc.constantFrom(null, "nas"),
      timeout: fc.constantFrom(0.5, 1),
    },
    { requiredKeys: ["iface", "timeout"] },
  ),
};

const jsonSchemas = new Map<CommandName, JsonSchema>();
function jsonSchemaOf(name: CommandName): JsonSchema {
  let schema = jsonSchemas.get(name);
  if (!schema) {
    schema = z.toJSONSchema(commandSchemas[name], { io: "input", unrepresentable: "any" }) as JsonSchema;
    jsonSchemas.set(name, schema);
  }
  return schema;
}

/** Valid-ish, then mutated, input for one command. */
export function inputFor(name: CommandName): fc.Arbitrary<unknown> {
  const schema = jsonSchemaOf(name);
  const fromContract = fromSchema(schema, schema, 0);
  const coherent = COHERENT[name];
  const valid = coherent ? fc.oneof(fromContract, coherent) : fromContract;
  return fc.tuple(valid, mutationArb).map(([input, mutation]) => applyMutation(input, mutation));
}

/** Calls that build state (sockets, addresses, connections, data) come up more often, so the rest have live targets. */
const COMMAND_WEIGHTS: Partial<Record<string, number>> = {
  scenario_step: 3,
  cancel_job: 2,
  payload: 2,
  socket: 5,
  bind: 4,
  listen: 3,
  connect: 3,
  connect_ex: 2,
  accept: 3,
  send: 2,
  sendall: 2,
  sendto: 3,
  recv: 2,
  recvfrom: 2,
  auto: 2,
  close: 2,
  shutdown: 2,
};

export interface GeneratedCall {
  readonly name: unknown;
  readonly input: unknown;
}

/** A command of the contract with a valid-ish input, or (rarely) a name that is not a command. */
export function callArb(names: readonly CommandName[]): fc.Arbitrary<GeneratedCall> {
  const weighted = names.map((name) => ({ arbitrary: fc.constant(name), weight: COMMAND_WEIGHTS[name as string] ?? 1 }));
  const known = fc.oneof(...weighted).chain((name) => inputFor(name).map((input): GeneratedCall => ({ name, input })));
  const unknownName = fc
    .tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty", "call"), junk), junk)
    .map(([name, input]): GeneratedCall => ({ name, input }));
  return fc.oneof({ arbitrary: known, weight: 30 }, { arbitrary: unknownName, weight: 1 });
}
