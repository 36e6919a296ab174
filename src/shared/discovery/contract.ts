import { z } from "zod";
import { isHex } from "../bytes";
import type { Sighting, Undecodable } from "./types";

/**
 * A design, not wired yet: the commands and events a Discovery view would
 * use, in the contract's style (strict schemas at the boundary, results and
 * events as plain data). The LabService would own one Discoverer per
 * session on the Lab's own sockets (so the log shows the traffic), end it
 * with discover_stop, when its timeout passes, or when its page goes, and
 * push what it hears as events in the ordinary batches.
 */

const STANDARD = ["mdns", "ssdp", "wsd", "llmnr", "nbns"] as const;
const port = z.number().int().min(1).max(65535);
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, "an IPv4 address");
const hex = z.string().max(2 * 1472).refine(isHex, "hex must be an even number of hex digits");

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

export const discoveryCommandSchemas = {
  discover_start: z.strictObject({
    protocols: z.array(z.enum(STANDARD)).min(1).max(STANDARD.length).optional(),
    /** An interface name; null or absent: every IPv4 interface that is up, loopback excluded. */
    iface: z.string().min(1).max(64).nullable().optional(),
    /** What LLMNR and NetBIOS ask for. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,15}$/, "a single-label name of 1 to 15 letters, digits, - or _")
      .nullable()
      .optional(),
    passive: z.boolean().optional(),
    /** Seconds to listen; null runs until discover_stop. */
    timeout: z.number().positive().max(3600).nullable().optional(),
    probes: z.array(z.strictObject({ data: hex, address: ipv4, port, match: matcherSchema })).max(8).optional(),
  }),
  discover_stop: z.strictObject({ session: z.number().int().min(1) }),
} as const;

export interface DiscoveryCommandResults {
  discover_start: { readonly session: number };
  discover_stop: null;
}

/** Events of a discovery session, to join the LabEvent union when this is wired. */
export type DiscoveryEvent =
  | { readonly type: "discovery"; readonly session: number; readonly sighting: Sighting }
  | { readonly type: "discovery_undecodable"; readonly session: number; readonly datagram: Undecodable }
  | { readonly type: "discovery_note"; readonly session: number; readonly message: string }
  | { readonly type: "discovery_done"; readonly session: number; readonly reason: "timeout" | "stopped" | "page-gone" };
