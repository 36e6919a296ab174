import type { LogEntry, LogKind } from "../../../shared/log-entry";

/** A log row as the chart draws it: everything but the frame span; `host` when rows of several Labs meet on one chart. */
export type SequenceRow = Omit<LogEntry, "span" | "ifname"> & { readonly host?: string };

/** A lifeline: one endpoint of one host (`host` "" on a one-Lab chart), or an endpoint no Lab on the chart owns (`host` null). */
export interface SequenceColumn {
  readonly key: string;
  readonly host: string | null;
  /** `addr:port` (`[::1]:80` for IPv6). */
  readonly endpoint: string;
}

/** A message between two lifelines (columns), or a note on one lifeline. */
export type SequenceItem<R extends SequenceRow = SequenceRow> =
  | { readonly type: "arrow"; readonly row: R; readonly from: number; readonly to: number }
  | { readonly type: "note"; readonly row: R; readonly at: number };

export interface SequenceModel<R extends SequenceRow = SequenceRow> {
  /** Lifelines in the order they first appear. */
  readonly columns: readonly SequenceColumn[];
  readonly items: readonly SequenceItem<R>[];
}

/** A socket the chart knows of besides its rows (the socket table): a UDP receiver's bound address is in no row of its own. */
export interface SequenceSocket {
  readonly host?: string;
  readonly fd: number;
  readonly local: string | null;
}

const BYTES: ReadonlySet<LogKind> = new Set(["data", "datagram", "broadcast", "multicast"]);
const NOTES: ReadonlySet<LogKind> = new Set(["socket", "accept", "state", "close", "timeout", "error", "policy"]);
/** Rows whose `src` is the socket's own address. */
const OWN_SRC: ReadonlySet<LogKind> = new Set(["socket", "accept", "state", "connect"]);
const CAST: ReadonlySet<LogKind> = new Set(["broadcast", "multicast"]);

const keyOf = (host: string | null, endpoint: string): string => `${host ?? "\u0000"}\u0001${endpoint}`;

const portOf = (endpoint: string): string => endpoint.slice(endpoint.lastIndexOf(":") + 1);

/**
 * What a datagram's send and its receipt share: ports, length and preview. Not the addresses: a
 * socket bound to every interface sends from 0.0.0.0:port and is heard from 127.0.0.1:port, and
 * where a receipt says it was sent depends on the engine (the address, or the receiver's own).
 */
const datagramKey = (row: SequenceRow, src: string, dst: string): string => `${portOf(src)}>${portOf(dst)}|${row.len ?? 0}|${row.text}`;

/** The wildcard address a socket bound to every interface shows for `endpoint`'s port. */
function wildcardOf(endpoint: string): string | null {
  const at = endpoint.lastIndexOf(":");
  if (at < 0) return null;
  return `${endpoint.startsWith("[") ? "[::]" : "0.0.0.0"}${endpoint.slice(at)}`;
}

/**
 * Lays rows out as a sequence chart, one lifeline per host and endpoint (a
 * listener and the connections it accepted share theirs). An arrow's far
 * end is the lifeline of the socket that owns that address, on whichever
 * host: by the address itself, else by a socket bound to every interface on
 * that port; when several could (two hosts' receivers on one port), the far
 * end is the address itself. When both ends of a TCP connection are on the
 * chart, its bytes appear twice in the rows (sent by one socket, received
 * by the other): the chart draws the send and skips the receipt. A
 * datagram's receipt is skipped when it matches an earlier send (ports,
 * length, preview) that reached a known lifeline; a broadcast's or multicast's receipts are always drawn, from
 * the sender to each socket that heard it, since they show who heard it.
 */
export function buildSequence<R extends SequenceRow>(rows: readonly R[], sockets: Iterable<SequenceSocket> = []): SequenceModel<R> {
  const hinted = new Map<string, string>();
  // An address → the lifelines that own it, and every host:fd → its socket's address (fds are reused after close).
  const owners = new Map<string, Set<string>>();
  const own = (endpoint: string, key: string) => {
    const set = owners.get(endpoint) ?? new Set<string>();
    set.add(key);
    owners.set(endpoint, set);
  };
  for (const s of sockets) {
    if (s.local === null) continue;
    hinted.set(`${s.host ?? ""}|${s.fd}`, s.local);
    own(s.local, keyOf(s.host ?? "", s.local));
  }

  // Each row's own address. A socket's life runs from its socket (or accept) row to its close (fds are
  // reused); a row that does not say where it is (a receipt before the socket's first send) takes the
  // address its life shows nearest before it, else first after it, so that it lands on its socket's lifeline.
  const carried = (row: SequenceRow): string | null => ((row.dir === "out" || OWN_SRC.has(row.kind)) && row.src ? row.src : null);
  const lifeOf: number[] = [];
  const firstOfLife: (string | null)[] = [];
  const current = new Map<string, number>();
  for (const row of rows) {
    const fdKey = `${row.host ?? ""}|${row.fd}`;
    let life = current.get(fdKey);
    if (life === undefined || row.kind === "socket" || row.kind === "accept") {
      life = firstOfLife.push(null) - 1;
      current.set(fdKey, life);
    }
    lifeOf.push(life);
    firstOfLife[life] ??= carried(row);
    if (row.kind === "close") current.delete(fdKey);
  }
  const latest = new Map<number, string>();
  const ownOf = rows.map((row, i): string | null => {
    const host = row.host ?? "";
    const life = lifeOf[i] ?? -1;
    const says = carried(row);
    if (says) latest.set(life, says);
    const mine = says ?? latest.get(life) ?? firstOfLife[life] ?? hinted.get(`${host}|${row.fd}`) ?? (row.dir === "in" ? row.dst : null);
    if (mine) {
      own(mine, keyOf(host, mine));
      // Where a unicast receipt was sent is an address of the socket too (a wildcard socket's 127.0.0.1:port).
      if (row.dir === "in" && row.dst && row.dst !== mine && !CAST.has(row.kind)) own(row.dst, keyOf(host, mine));
    }
    return mine;
  });

  const columns: SequenceColumn[] = [];
  const byKey = new Map<string, number>();
  const column = (key: string): number => {
    const at = byKey.get(key);
    if (at !== undefined) return at;
    const split = key.indexOf("\u0001");
    const host = key.slice(0, split);
    columns.push({ key, host: host === "\u0000" ? null : host, endpoint: key.slice(split + 1) });
    byKey.set(key, columns.length - 1);
    return columns.length - 1;
  };
  /** The one lifeline that owns `endpoint`, or null when none or several do. */
  const owner = (endpoint: string): string | null => {
    const only = (set: Set<string> | undefined): string | null => (set?.size === 1 ? (set.values().next().value ?? null) : null);
    const exact = owners.get(endpoint);
    if (exact) return only(exact);
    const wildcard = wildcardOf(endpoint);
    return wildcard === null ? null : only(owners.get(wildcard));
  };
  const lifeline = (endpoint: string): number => column(owner(endpoint) ?? keyOf(null, endpoint));

  // Sends that reached a lifeline, counted before drawing: on several hosts' clocks a receipt can be
  // ordered a millisecond before its send (the sender stamps after its system call returns).
  const unmatchedSends = new Map<string, number>();
  for (const row of rows) {
    const { kind, dir, src, dst } = row;
    if (dir !== "out" || !src || !dst || kind !== "datagram" || owner(dst) === null) continue;
    const key = datagramKey(row, src, dst);
    unmatchedSends.set(key, (unmatchedSends.get(key) ?? 0) + 1);
  }
  const resetPairs = new Set<string>();
  const items: SequenceItem<R>[] = [];
  rows.forEach((row, i) => {
    const { kind, dir, src, dst } = row;
    const mine = ownOf[i] ?? null;
    const here = (): number | null => (mine === null ? null : column(keyOf(row.host ?? "", mine)));
    if ((BYTES.has(kind) || kind === "fin") && src && dst) {
      const stream = kind === "data" || kind === "fin";
      const key = datagramKey(row, src, dst);
      if (dir === "in") {
        if (stream && owner(src) !== null) return;
        if (!stream && (unmatchedSends.get(key) ?? 0) > 0) {
          unmatchedSends.set(key, unmatchedSends.get(key)! - 1);
          return;
        }
        const from = lifeline(src);
        items.push({ type: "arrow", row, from, to: here() ?? lifeline(dst) });
        return;
      }
      const from = here() ?? lifeline(src);
      if (CAST.has(kind)) {
        items.push({ type: "arrow", row, from, to: column(keyOf(null, dst)) });
        return;
      }
      items.push({ type: "arrow", row, from, to: lifeline(dst) });
    } else if (kind === "connect" && src && dst) {
      const from = here() ?? lifeline(src);
      items.push({ type: "arrow", row, from, to: lifeline(dst) });
    } else if (kind === "rst" && src && dst) {
      // The RST row runs peer → reset socket; both ends of a pair may report it: one arrow.
      const pair = `${src}>${dst}`;
      if (resetPairs.has(pair)) return;
      resetPairs.add(pair);
      const from = lifeline(src);
      items.push({ type: "arrow", row, from, to: here() ?? lifeline(dst) });
    } else if (NOTES.has(kind) || kind === "rst") {
      const at = here();
      if (at !== null) items.push({ type: "note", row, at });
    }
  });
  return { columns, items };
}
