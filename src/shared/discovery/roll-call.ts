import type { Cast, DiscoveryProtocol, ServiceInstance, Sighting, Undecodable } from "./types";

/**
 * The roll call: one row per device, merged across protocols by the address
 * it spoke from. Pure and immutable: every update returns a new state and
 * replaces only the row it touched, so a zustand store can hold it as it is.
 */

/** What one protocol saw of one device. */
export interface ProtocolCell {
  /** It answered one of our probes. */
  readonly answered: boolean;
  /** It spoke unprompted (announcement or goodbye). */
  readonly announced: boolean;
  /** It asked something itself (a query on the LAN). */
  readonly queried: boolean;
  /** Its last message was a goodbye (ssdp:byebye, WS-Discovery Bye, mDNS TTL 0). */
  readonly saidGoodbye: boolean;
  /** How its datagrams were addressed (a unicast reply, multicast, broadcast). */
  readonly casts: readonly Cast[];
  /** The smallest round trip from a probe to its answer, ms. */
  readonly rttMs: number | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly messages: number;
}

export interface DeviceRow {
  /** The address it spoke from: the row's key. */
  readonly address: string;
  readonly ifnames: readonly string[];
  readonly names: readonly string[];
  readonly services: readonly string[];
  readonly instances: readonly ServiceInstance[];
  /** Other addresses it claims (A/AAAA records, XAddrs). */
  readonly addresses: readonly string[];
  readonly usns: readonly string[];
  readonly locations: readonly string[];
  readonly servers: readonly string[];
  readonly protocols: Readonly<Partial<Record<DiscoveryProtocol, ProtocolCell>>>;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** When it went quiet (lastSeen + the stale interval), or null while it is fresh. */
  readonly staleSince: number | null;
  /** Summaries of what it said unprompted, newest last (bounded). */
  readonly unprompted: readonly string[];
  readonly undecodable: number;
}

export interface RollCall {
  readonly rows: ReadonlyMap<string, DeviceRow>;
  /** The newest undecodable datagrams, oldest first (bounded). */
  readonly undecodable: readonly Undecodable[];
  /** How many undecodable datagrams were dropped from the list above. */
  readonly undecodableDropped: number;
}

export const ROLL_CALL_LIMITS = {
  /** Undecodable datagrams kept with their bytes. */
  undecodable: 256,
  /** Unprompted summaries kept per device. */
  unprompted: 32,
  /** Names, services, instances… kept per device: a chatty or hostile device must not grow a row without bound. */
  listItems: 128,
  /** Devices: past this, new addresses are not added (a spoofed flood). */
  devices: 4096,
} as const;

export const EMPTY_ROLL_CALL: RollCall = { rows: new Map(), undecodable: [], undecodableDropped: 0 };

function union<T>(old: readonly T[], more: readonly T[], key: (x: T) => string = String): readonly T[] {
  if (more.length === 0) return old;
  const seen = new Set(old.map(key));
  let out: T[] | null = null;
  for (const item of more) {
    const k = key(item);
    if (seen.has(k)) continue;
    if ((out ?? old).length >= ROLL_CALL_LIMITS.listItems) break;
    seen.add(k);
    out ??= [...old];
    out.push(item);
  }
  return out ?? old;
}

/** Instances merge by full name; a later sighting fills in what an earlier one lacked (an SRV after a PTR). */
function mergeInstances(old: readonly ServiceInstance[], more: readonly ServiceInstance[]): readonly ServiceInstance[] {
  if (more.length === 0) return old;
  const out = [...old];
  for (const inst of more) {
    const i = out.findIndex((x) => x.fqdn === inst.fqdn);
    if (i < 0) {
      if (out.length < ROLL_CALL_LIMITS.listItems) out.push(inst);
      continue;
    }
    const was = out[i]!;
    out[i] = { ...was, host: inst.host ?? was.host, port: inst.port ?? was.port, txt: inst.txt.length > 0 ? inst.txt : was.txt };
  }
  return out;
}

function updateCell(cell: ProtocolCell | undefined, s: Sighting): ProtocolCell {
  const base: ProtocolCell = cell ?? {
    answered: false,
    announced: false,
    queried: false,
    saidGoodbye: false,
    casts: [],
    rttMs: null,
    firstSeen: s.at,
    lastSeen: s.at,
    messages: 0,
  };
  const rtt = s.rttMs === null ? base.rttMs : base.rttMs === null ? s.rttMs : Math.min(base.rttMs, s.rttMs);
  return {
    answered: base.answered || s.kind === "response",
    announced: base.announced || s.kind === "announcement" || s.kind === "goodbye",
    queried: base.queried || s.kind === "query",
    // A query says nothing about whether its sender is leaving.
    saidGoodbye: s.kind === "goodbye" ? true : s.kind === "query" ? base.saidGoodbye : false,
    casts: s.cast ? union(base.casts, [s.cast]) : base.casts,
    rttMs: rtt,
    firstSeen: Math.min(base.firstSeen, s.at),
    lastSeen: Math.max(base.lastSeen, s.at),
    messages: base.messages + 1,
  };
}

function emptyRow(address: string, at: number): DeviceRow {
  return {
    address,
    ifnames: [],
    names: [],
    services: [],
    instances: [],
    addresses: [],
    usns: [],
    locations: [],
    servers: [],
    protocols: {},
    firstSeen: at,
    lastSeen: at,
    staleSince: null,
    unprompted: [],
    undecodable: 0,
  };
}

function withRow(state: RollCall, row: DeviceRow): RollCall {
  const rows = new Map(state.rows);
  rows.set(row.address, row);
  return { ...state, rows };
}

/** Adds what one datagram said to its sender's row (creating it). */
export function addSighting(state: RollCall, s: Sighting): RollCall {
  const address = s.src[0];
  const old = state.rows.get(address);
  if (!old && state.rows.size >= ROLL_CALL_LIMITS.devices) return state;
  const row = old ?? emptyRow(address, s.at);
  const f = s.facts;
  const unprompted =
    s.kind === "announcement" || s.kind === "goodbye" ? [...row.unprompted, `${s.protocol}: ${s.summary}`].slice(-ROLL_CALL_LIMITS.unprompted) : row.unprompted;
  const next: DeviceRow = {
    ...row,
    ifnames: s.ifname ? union(row.ifnames, [s.ifname]) : row.ifnames,
    names: union(row.names, f.names),
    services: union(row.services, f.services),
    instances: mergeInstances(row.instances, f.instances),
    addresses: union(
      row.addresses,
      f.addresses.filter((a) => a !== address),
    ),
    usns: f.usn ? union(row.usns, [f.usn]) : row.usns,
    locations: union(row.locations, f.locations),
    servers: f.server ? union(row.servers, [f.server]) : row.servers,
    protocols: { ...row.protocols, [s.protocol]: updateCell(row.protocols[s.protocol], s) },
    firstSeen: Math.min(row.firstSeen, s.at),
    lastSeen: Math.max(row.lastSeen, s.at),
    staleSince: null,
    unprompted,
  };
  return withRow(state, next);
}

/** Keeps an undecodable datagram (bounded) and counts it on its sender's row, if the sender has one. */
export function addUndecodable(state: RollCall, u: Undecodable): RollCall {
  const over = state.undecodable.length + 1 - ROLL_CALL_LIMITS.undecodable;
  const list = over > 0 ? [...state.undecodable.slice(over), u] : [...state.undecodable, u];
  const next: RollCall = { ...state, undecodable: list, undecodableDropped: state.undecodableDropped + Math.max(0, over) };
  const row = state.rows.get(u.src[0]);
  return row ? withRow(next, { ...row, undecodable: row.undecodable + 1 }) : next;
}

/**
 * Marks rows quiet for `staleAfterMs` at time `now` as stale (they stay, with
 * the time they went quiet); a row heard from again is fresh. Returns the same
 * state when nothing changed.
 */
export function markStale(state: RollCall, now: number, staleAfterMs: number): RollCall {
  let rows: Map<string, DeviceRow> | null = null;
  for (const row of state.rows.values()) {
    const stale = now - row.lastSeen >= staleAfterMs;
    const staleSince = stale ? row.lastSeen + staleAfterMs : null;
    if (staleSince === row.staleSince) continue;
    rows ??= new Map(state.rows);
    rows.set(row.address, { ...row, staleSince });
  }
  return rows ? { ...state, rows } : state;
}

/** Rows in a stable order: IPv4 numerically, then the rest by text. */
export function sortedRows(state: RollCall): DeviceRow[] {
  const key = (a: string): string => (/^\d+\.\d+\.\d+\.\d+$/.test(a) ? `0${a.split(".").map((p) => p.padStart(3, "0")).join(".")}` : `1${a}`);
  return [...state.rows.values()].sort((x, y) => (key(x.address) < key(y.address) ? -1 : key(x.address) > key(y.address) ? 1 : 0));
}
