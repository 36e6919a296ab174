import { networkInterfaces } from "node:os";
import { discoveryNameProblem } from "../../shared/discovery/contract";
import { addSighting, addUndecodable, EMPTY_ROLL_CALL, sortedRows, type DeviceRow, type RollCall } from "../../shared/discovery/roll-call";
import { silenceHint, silentProtocols } from "../../shared/discovery/hints";
import { noteText } from "../../shared/discovery/notes";
import { translator } from "../../shared/i18n";
import type { DiscoveryProtocol, Matcher, Sighting, Undecodable } from "../../shared/discovery/types";
import { printable } from "../../shared/printable";
import { Discoverer } from "../discovery/discoverer";
import { probeScenario } from "../discovery/scenario";
import { WELL_KNOWN, type CustomProbe, type StandardProtocol } from "../discovery/probes";
import type { EngineChoice } from "../lab/engine/choose";
import { listInterfaces } from "../lab/interfaces";
import { Lab } from "../lab/lab";
import { UsageError } from "./args";

/**
 * `socket-lab discover`: probes the LAN's discovery protocols, listens for
 * the timeout, then prints one line per device and protocol. With
 * `--packets`, also one line per datagram as it arrives.
 */

export interface DiscoverFlags {
  readonly iface?: string | undefined;
  readonly timeout?: string | undefined;
  readonly protocols?: string | undefined;
  readonly name?: string | undefined;
  readonly format?: string | undefined;
  readonly passive?: boolean | undefined;
  readonly packets?: boolean | undefined;
  readonly probe?: string | undefined;
  readonly match?: string | undefined;
  readonly scenario?: string | undefined;
}

export interface DiscoverRequest {
  readonly iface: string | null;
  readonly timeoutMs: number;
  readonly protocols: readonly StandardProtocol[];
  readonly name: string | null;
  readonly format: "ndjson" | "text";
  readonly passive: boolean;
  readonly packets: boolean;
  readonly custom: readonly CustomProbe[];
}

const STANDARD = Object.keys(WELL_KNOWN) as StandardProtocol[];
const MAX_TIMEOUT_S = 3600;

function isStandard(p: string): p is StandardProtocol {
  return (STANDARD as string[]).includes(p);
}

function parseMatcher(text: string | undefined): Matcher {
  if (text === undefined || text === "") return { kind: "any" };
  if (text.startsWith("hex:")) {
    const hex = text.slice(4);
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError(`--match hex:… must be an even number of hex digits, not ${hex}`);
    return { kind: "prefix", hex: hex.toLowerCase() };
  }
  try {
    new RegExp(text);
  } catch (err) {
    throw new UsageError(`--match is not a regular expression: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { kind: "regex", source: text };
}

/** `--probe ADDRESS:PORT:HEX`: bytes to a host, a broadcast address or a group. */
function parseProbe(text: string, match: Matcher): CustomProbe {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5}):((?:[0-9a-fA-F]{2})+)$/.exec(text);
  if (!m) throw new UsageError(`--probe must be IPV4ADDRESS:PORT:HEX (e.g. 255.255.255.255:9000:68656c6c6f), not ${text}`);
  const port = Number(m[2]);
  if (m[1]!.split(".").some((o) => Number(o) > 255) || port < 1 || port > 65535) throw new UsageError(`--probe: ${m[1]}:${m[2]} is not an IPv4 address and port`);
  return { address: m[1]!, port, data: Buffer.from(m[3]!, "hex"), match };
}

/** Checks every option before anything is sent; each mistake is a UsageError (exit 2). */
export function discoverRequest(flags: DiscoverFlags): DiscoverRequest {
  const format = flags.format ?? "ndjson";
  if (format !== "ndjson" && format !== "text") throw new UsageError(`--format must be ndjson or text, not ${format}`);
  const seconds = flags.timeout === undefined ? 3 : /^\d+(\.\d+)?$/.test(flags.timeout) ? Number(flags.timeout) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S)) throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, not ${flags.timeout}`);
  const names = flags.protocols === undefined ? STANDARD : flags.protocols.split(",").map((p) => p.trim().toLowerCase());
  const protocols: StandardProtocol[] = [];
  for (const p of names) {
    if (!isStandard(p)) throw new UsageError(`--protocols: unknown protocol '${p}' (known: ${STANDARD.join(",")})`);
    if (!protocols.includes(p)) protocols.push(p);
  }
  const name = flags.name ?? null;
  if (name !== null) {
    const bad = discoveryNameProblem(name, protocols.includes("nbns"));
    if (bad) throw new UsageError(`--name ${name}: ${bad}`);
  }
  if (flags.iface !== undefined) {
    const all = networkInterfaces();
    if (!(flags.iface in all)) throw new UsageError(`--iface ${flags.iface}: no such interface (here: ${Object.keys(all).join(", ")})`);
  }
  if (flags.match !== undefined && flags.probe === undefined) throw new UsageError("--match goes with --probe");
  const custom = flags.probe === undefined ? [] : [parseProbe(flags.probe, parseMatcher(flags.match))];
  if (flags.passive && custom.length > 0) throw new UsageError("--passive sends nothing: it cannot go with --probe");
  return { iface: flags.iface ?? null, timeoutMs: seconds * 1000, protocols, name, format, passive: flags.passive ?? false, packets: flags.packets ?? false, custom };
}

/** One device as one protocol saw it: the line `discover` prints. */
export function deviceLine(protocol: DiscoveryProtocol, row: DeviceRow): Record<string, unknown> {
  const cell = row.protocols[protocol];
  return {
    protocol,
    address: row.address,
    ifname: row.ifnames[0] ?? null,
    name: row.names[0] ?? null,
    names: row.names,
    services: row.services,
    rtt_ms: cell?.rttMs ?? null,
    answered: cell?.answered ?? false,
    announced: cell?.announced ?? false,
    queried: cell?.queried ?? false,
    dst: cell?.casts ?? [],
    ...(row.instances.length ? { instances: row.instances } : {}),
    ...(row.addresses.length ? { addresses: row.addresses } : {}),
    ...(row.usns.length ? { usn: row.usns[0], usns: row.usns } : {}),
    ...(row.locations.length ? { locations: row.locations } : {}),
    ...(row.servers.length ? { server: row.servers[0] } : {}),
    ...(cell?.saidGoodbye ? { goodbye: true } : {}),
    ...(row.undecodable ? { undecodable: row.undecodable } : {}),
    messages: cell?.messages ?? 0,
    first_seen: new Date(cell?.firstSeen ?? row.firstSeen).toISOString(),
    last_seen: new Date(cell?.lastSeen ?? row.lastSeen).toISOString(),
  };
}

function textDeviceLine(protocol: DiscoveryProtocol, row: DeviceRow): string {
  const cell = row.protocols[protocol];
  const how = [cell?.answered && "answered", cell?.announced && "announced", cell?.queried && "queried", cell?.saidGoodbye && "goodbye"].filter(Boolean).join("+");
  const parts = [
    row.address.padEnd(15),
    (row.ifnames[0] ?? "?").padEnd(8),
    protocol.padEnd(5),
    `${how} ${(cell?.casts ?? []).join("/") || "?"}`.padEnd(28),
    cell?.rttMs !== null && cell?.rttMs !== undefined ? `rtt ${cell.rttMs} ms` : "rtt -",
    row.names.length ? `names: ${row.names.join(", ")}` : "",
    row.services.length ? `services: ${row.services.join(", ")}` : "",
    row.usns.length ? `usn: ${row.usns[0]}` : "",
    row.locations.length ? `at: ${row.locations.join(" ")}` : "",
  ];
  return printable(parts.filter((p) => p !== "").join("  "), 2000);
}

function datagramLine(s: Sighting | Undecodable, format: "ndjson" | "text"): string {
  const undecodable = "reason" in s;
  if (format === "ndjson") {
    return JSON.stringify({
      datagram: undecodable
        ? { protocol: s.protocol, undecodable: true, src: s.src, dst: s.dst, ifname: s.ifname, len: s.len, reason: s.reason, hex: s.hex }
        : { protocol: s.protocol, kind: s.kind, src: s.src, dst: s.dst, cast: s.cast, ifname: s.ifname, rtt_ms: s.rttMs, summary: s.summary, detail: s.detail },
    });
  }
  const head = `${new Date(s.at).toISOString().slice(11, 23)} ${s.protocol.padEnd(5)} ${s.src[0]}:${s.src[1]} → ${s.dst ? `${s.dst[0]}:${s.dst[1]}` : "?"} ${s.ifname ?? "?"}`;
  return printable(undecodable ? `${head}  UNDECODABLE (${s.len} byte${s.len === 1 ? "" : "s"}): ${s.reason}` : `${head}  ${s.kind}: ${s.summary}`, 2000);
}

export interface DiscoverResult {
  readonly all: RollCall;
  readonly byProtocol: ReadonlyMap<DiscoveryProtocol, RollCall>;
}

/** The CLI speaks English: the same sentences the Discovery view shows in English. */
const english = translator("en");

/** Runs discovery for the request's timeout on a Lab of its own; writes the lines; notes go to `note`. */
export async function discover(request: DiscoverRequest, engine: EngineChoice, write: (line: string) => void, note: (line: string) => void): Promise<DiscoverResult> {
  const lab = new Lab({ engine });
  let all = EMPTY_ROLL_CALL;
  const byProtocol = new Map<DiscoveryProtocol, RollCall>();
  const discoverer = new Discoverer(
    lab,
    { protocols: request.protocols, iface: request.iface, name: request.name, passive: request.passive, custom: request.custom, mx: 1, repeatAfterMs: request.timeoutMs >= 2000 ? 1000 : null },
    {
      sighting: (s) => {
        all = addSighting(all, s);
        byProtocol.set(s.protocol, addSighting(byProtocol.get(s.protocol) ?? EMPTY_ROLL_CALL, s));
        if (request.packets) write(datagramLine(s, request.format));
      },
      undecodable: (u) => {
        all = addUndecodable(all, u);
        if (request.packets) write(datagramLine(u, request.format));
      },
      note: (n) => note(noteText(english, n)),
    },
  );
  if (!request.passive && !request.name && request.protocols.some((p) => p === "llmnr" || p === "nbns")) {
    note("LLMNR and NetBIOS ask for a name (--name): without one they only listen");
  }
  try {
    await discoverer.start();
    await new Promise((resolve) => setTimeout(resolve, request.timeoutMs));
  } finally {
    await discoverer.stop();
    lab.closeAll();
  }
  for (const protocol of [...request.protocols, "custom"] as const) {
    const state = byProtocol.get(protocol);
    if (!state) continue;
    for (const row of sortedRows(state)) {
      // The merged row's undecodable count, per address: an undecodable datagram names no protocol row of its own.
      const merged = { ...row, undecodable: all.rows.get(row.address)?.undecodable ?? 0 };
      write(request.format === "ndjson" ? JSON.stringify(deviceLine(protocol, merged)) : textDeviceLine(protocol, merged));
    }
  }
  if (!request.passive) {
    const probed: DiscoveryProtocol[] = request.protocols.filter((p) => request.name !== null || (p !== "llmnr" && p !== "nbns"));
    if (request.custom.length > 0) probed.push("custom");
    for (const protocol of silentProtocols(probed, all)) note(silenceHint(english, protocol));
  }
  if (all.undecodable.length > 0 && !request.packets) note(`${all.undecodable.length + all.undecodableDropped} datagram(s) did not decode (--packets shows them with their bytes and why)`);
  return { all, byProtocol };
}

/**
 * `discover --scenario PROTOCOL`: the protocol's probe as a scenario (JSON),
 * for socket-lab run and export-python; sends nothing itself.
 */
export function scenarioText(flags: DiscoverFlags): string {
  const protocol = (flags.scenario ?? "").toLowerCase();
  if (!isStandard(protocol)) throw new UsageError(`--scenario: unknown protocol '${flags.scenario}' (known: ${STANDARD.join(",")})`);
  const request = discoverRequest({ ...flags, protocols: protocol });
  const scenario = probeScenario(protocol, { iface: request.iface, name: request.name, wait: Math.min(request.timeoutMs / 1000, 60) }, listInterfaces());
  if (typeof scenario === "string") throw new UsageError(`--scenario ${protocol}: ${scenario}`);
  return JSON.stringify(scenario, null, 2);
}
