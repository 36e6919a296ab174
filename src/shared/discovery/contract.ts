import { z } from "zod";
import { isHex } from "../bytes";
import type { ScenarioInput } from "../scenario/schema";
import type { DiscoveryNote } from "./notes";
import type { Sighting, Undecodable } from "./types";

/**
 * The commands a Discovery view uses, joined into the contract's table
 * (src/shared/contract.ts) and served above the Lab by the bridge: each
 * discovery is a Discoverer on the Lab's own UDP sockets (so the socket list
 * and the log show its traffic), owned by the page that started it, ended by
 * discover_stop, its timeout, or the page going.
 *
 * What it hears is read with discover_poll rather than pushed as events: the
 * Lab's events go to every page and are the Lab's own (sockets, bytes), while
 * a discovery belongs to one page; a poll that waits (`wait_ms`) until
 * something arrives is as prompt as an event, and its bounds are plain (a
 * discovery keeps at most DISCOVERY_LIMITS.items unread items and counts
 * what it had to drop).
 */

export const STANDARD_PROTOCOLS = ["mdns", "ssdp", "wsd", "llmnr", "nbns"] as const;
export type StandardDiscoveryProtocol = (typeof STANDARD_PROTOCOLS)[number];

export const DISCOVERY_LIMITS = {
  /** Discoveries running at once in one Lab (each binds the well-known ports). */
  running: 4,
  /** Items a discovery keeps until a poll reads them; past that the oldest go, counted in `dropped`. */
  items: 2000,
  /** Items one poll returns at most… */
  itemsPerPoll: 200,
  /** …and characters of JSON (a WS-Discovery envelope may be large). */
  charsPerPoll: 1_000_000,
  /** The longest a poll waits for something new, ms. */
  waitMs: 10_000,
  /** User-defined probes per discovery. */
  probes: 8,
  /** The most a probe may send: one datagram that fits an Ethernet frame. */
  probeBytes: 1472,
  /** Seconds: the shortest and the longest timeout. */
  minTimeout: 0.5,
  maxTimeout: 3600,
} as const;

const port = z.number().int().min(1).max(65535);
const ipv4 = z
  .string()
  .max(15)
  .refine((s) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split(".").every((o) => Number(o) <= 255), "an IPv4 address (four numbers 0–255)");
const hex = z
  .string()
  .max(2 * DISCOVERY_LIMITS.probeBytes, `at most ${DISCOVERY_LIMITS.probeBytes} bytes (one datagram in an Ethernet frame)`)
  .refine(isHex, "hex must be an even number of hex digits");

const matcherSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("any") }),
  z.strictObject({ kind: z.literal("prefix"), hex: hex.refine((h) => h.length > 0, "at least one byte") }),
  z.strictObject({
    kind: z.literal("regex"),
    source: z
      .string()
      .max(200)
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, "not a regular expression"),
  }),
]);

const session = z.number().int().min(1);
const ifaceName = z.string().min(1).max(64);
/** What LLMNR asks for: one DNS label. */
const HOST_LABEL = /^[A-Za-z0-9_-]{1,63}$/;
/** What NetBIOS asks for: at most 15 characters (scopes are not supported). */
const NETBIOS_NAME = /^[A-Za-z0-9_-]{1,15}$/;

/**
 * Why `name` cannot be asked for, or null: the one rule of the contract,
 * the Discovery form and `socket-lab discover --name`. With NetBIOS among
 * the protocols it must be a NetBIOS name.
 */
export function discoveryNameProblem(name: string, withNetbios: boolean): string | null {
  if (!HOST_LABEL.test(name)) return "a single-label host name of 1 to 63 letters, digits, - or _";
  if (withNetbios && !NETBIOS_NAME.test(name)) return "a NetBIOS name has at most 15 characters (or leave nbns out of the protocols)";
  return null;
}

const hostLabel = z.string().regex(HOST_LABEL, "a single-label host name of 1 to 63 letters, digits, - or _");

export const discoveryCommandSchemas = {
  discover_start: z
    .strictObject({
      protocols: z
        .array(z.enum(STANDARD_PROTOCOLS))
        .max(STANDARD_PROTOCOLS.length)
        .refine((list) => new Set(list).size === list.length, "each protocol at most once")
        .optional(),
      /** An interface name; null or absent: every IPv4 interface that is up, loopback excluded. */
      iface: ifaceName.nullable().optional(),
      /** What LLMNR and NetBIOS ask for. */
      name: hostLabel.nullable().optional(),
      /** Listen only: send nothing. */
      passive: z.boolean().optional(),
      /** Seconds to listen; null runs until discover_stop (or the page goes). */
      timeout: z.number().min(DISCOVERY_LIMITS.minTimeout).max(DISCOVERY_LIMITS.maxTimeout).nullable().optional(),
      probes: z
        .array(z.strictObject({ data: hex.refine((h) => h.length > 0, "at least one byte"), address: ipv4, port, match: matcherSchema }))
        .max(DISCOVERY_LIMITS.probes)
        .optional(),
    })
    .refine((a) => !a.name || discoveryNameProblem(a.name, a.protocols?.includes("nbns") ?? true) === null, {
      path: ["name"],
      message: "a NetBIOS name has at most 15 characters (or leave nbns out of the protocols)",
    })
    .refine((a) => a.protocols === undefined || a.protocols.length > 0 || (a.probes?.length ?? 0) > 0, {
      path: ["protocols"],
      message: "pick at least one protocol, or add a probe",
    })
    .refine((a) => !(a.passive && (a.probes?.length ?? 0) > 0), { path: ["probes"], message: "a passive discovery sends nothing: it cannot have probes" }),
  /** What the discovery heard since item `after` (0: from the start); waits up to `wait_ms` while there is nothing new. */
  discover_poll: z.strictObject({ discovery: session, after: z.number().int().min(0), wait_ms: z.number().int().min(0).max(DISCOVERY_LIMITS.waitMs).optional() }),
  /** Closes the discovery's sockets; what it heard stays readable by discover_poll until the page goes. */
  discover_stop: z.strictObject({ discovery: session }),
  /**
   * One protocol's probe as a scenario (the same bytes from an ordinary UDP
   * socket, then one answer read), to play, replay and export to Python.
   * Sends nothing itself.
   */
  discover_scenario: z.strictObject({
    protocol: z.enum(STANDARD_PROTOCOLS),
    /** The interface whose address the socket binds (which picks the route); null: the kernel's choice (NetBIOS: the first with a broadcast address). */
    iface: ifaceName.nullable().optional(),
    name: hostLabel.nullable().optional(),
    /** Seconds the scenario waits for the answer (at most a minute). */
    timeout: z.number().min(DISCOVERY_LIMITS.minTimeout).max(60).optional(),
  }).refine((a) => !a.name || discoveryNameProblem(a.name, a.protocol === "nbns") === null, {
    path: ["name"],
    message: "a NetBIOS name has at most 15 characters",
  }),
} as const;

export type DoneReason = "timeout" | "stopped" | "page-gone";

/** One thing a discovery heard or has to say, numbered from 1 in order. */
export type DiscoveryItem = { readonly n: number } & (
  | { readonly type: "sighting"; readonly sighting: Sighting }
  | { readonly type: "undecodable"; readonly datagram: Undecodable }
  /** Something a person should know (a port that could not be bound, a reply on the wrong interface): the page words it (noteText). */
  | { readonly type: "note"; readonly note: DiscoveryNote }
);

export interface DiscoveryCommandResults {
  discover_start: {
    readonly discovery: number;
    /** The interfaces it probes and listens on. */
    readonly interfaces: readonly { readonly name: string; readonly address: string; readonly cidr: string | null }[];
    readonly protocols: readonly StandardDiscoveryProtocol[];
    readonly passive: boolean;
    /** Wall-clock ms (Date.now()) when it started, and when it will end (null: until stopped). */
    readonly startedAt: number;
    readonly endsAt: number | null;
  };
  discover_poll: {
    readonly items: readonly DiscoveryItem[];
    /** Pass as `after` next time. */
    readonly next: number;
    /** Items dropped unread so far, because the page read slower than the LAN spoke. */
    readonly dropped: number;
    /** Why it ended, once it has; items may still follow until `next` stops moving. */
    readonly done: DoneReason | null;
    /** Datagrams heard so far, decoded or not. */
    readonly datagrams: number;
  };
  discover_stop: null;
  discover_scenario: ScenarioInput;
}
