import type { HostLogRow } from "../../../shared/hosts";
import type { LogKind } from "../../../shared/log-entry";

/** Rows that belong to a TCP connection's story: its bytes, its ends, its state. */
const STREAM_KINDS: ReadonlySet<LogKind> = new Set(["data", "fin", "rst", "connect", "accept", "state", "timeout", "error"]);

/** One end of a TCP connection as one host saw it. */
export interface StreamEnd {
  readonly host: string;
  readonly fd: number;
  readonly local: string;
  readonly remote: string;
}

/** A connection on the timeline: one end when its peer is not a paired host, both when it is. */
export interface HostConnection {
  /** Its two addresses, in order: the same whichever end reports it. */
  readonly key: string;
  readonly ends: readonly StreamEnd[];
  /** The newest row's position in the timeline (`i`). */
  readonly last: number;
}

/**
 * What the conversation shows: bytes (or a FIN) as their sender wrote them,
 * with the receipt that brought their last byte to the peer (null: not yet,
 * or the peer is not on the timeline), or a receipt from a peer outside;
 * and the connection's other rows (connect, accept, state, RST, errors).
 */
export type StreamItem =
  | { readonly type: "sent"; readonly row: HostLogRow; readonly from: StreamEnd; readonly to: StreamEnd | null; readonly heard: HostLogRow | null }
  | { readonly type: "received"; readonly row: HostLogRow; readonly at: StreamEnd }
  | { readonly type: "mark"; readonly row: HostLogRow; readonly at: StreamEnd };

function endOf(row: HostLogRow): StreamEnd | null {
  if (!STREAM_KINDS.has(row.kind) || !row.src || !row.dst) return null;
  const [local, remote] = row.dir === "in" ? [row.dst, row.src] : [row.src, row.dst];
  return { host: row.host, fd: row.fd, local, remote };
}

const endKey = (e: StreamEnd): string => `${e.host} ${e.fd} ${e.local} ${e.remote}`;
const connectionKey = (e: StreamEnd): string => [e.local, e.remote].sort().join(" ⇄ ");

/**
 * The TCP connections the rows tell of, newest first, each end paired with
 * its peer on another host when both are there; the connecting end first.
 */
export function hostConnections(rows: readonly HostLogRow[]): HostConnection[] {
  const found = new Map<string, { ends: Map<string, StreamEnd>; last: number; bytes: boolean; client: string | null }>();
  for (const row of rows) {
    const end = endOf(row);
    if (!end) continue;
    const key = connectionKey(end);
    const c = found.get(key) ?? { ends: new Map<string, StreamEnd>(), last: -1, bytes: false, client: null };
    if (!c.ends.has(endKey(end))) c.ends.set(endKey(end), end);
    if (row.kind === "connect") c.client = endKey(end);
    c.last = Math.max(c.last, row.i);
    c.bytes ||= row.kind === "data";
    found.set(key, c);
  }
  // As in the log's follow stream: a connection is listed once it has carried bytes.
  return [...found]
    .filter(([, c]) => c.bytes)
    // The end that connected first (a person reads "b connects to c"), else the first one seen.
    .map(([key, c]) => ({ key, ends: [...c.ends.values()].sort((x, y) => Number(endKey(y) === c.client) - Number(endKey(x) === c.client)), last: c.last }))
    .sort((a, b) => b.last - a.last);
}

/**
 * One connection's conversation in the rows' order. A stream has no
 * messages: a receipt may hold the end of one send, of several, or part of
 * one; each send is paired with the receipt that brought its last byte
 * (counting bytes from the start of the rows on each side).
 */
export function conversation(rows: readonly HostLogRow[], connection: HostConnection): StreamItem[] {
  const mine = rows.filter((r) => {
    const end = endOf(r);
    return end !== null && connectionKey(end) === connection.key;
  });
  const ends = new Map(connection.ends.map((e) => [endKey(e), e]));
  const peerOf = (e: StreamEnd): StreamEnd | null => connection.ends.find((p) => p.local === e.remote && p.remote === e.local) ?? null;

  // Each end's receipts, with the stream offset each one reaches, and its FIN receipt.
  const receipts = new Map<string, { row: HostLogRow; upTo: number }[]>();
  const finReceipt = new Map<string, HostLogRow>();
  for (const row of mine) {
    if (row.dir !== "in") continue;
    const key = endKey(endOf(row)!);
    if (row.kind === "fin" && !finReceipt.has(key)) finReceipt.set(key, row);
    if (row.kind !== "data") continue;
    const list = receipts.get(key) ?? [];
    list.push({ row, upTo: (list.at(-1)?.upTo ?? 0) + (row.len ?? 0) });
    receipts.set(key, list);
  }

  const sentUpTo = new Map<string, number>();
  const items: StreamItem[] = [];
  let rst = false;
  for (const row of mine) {
    const at = ends.get(endKey(endOf(row)!))!;
    const peer = peerOf(at);
    if (row.kind === "data" || row.kind === "fin") {
      if (row.dir === "out") {
        const upTo = (sentUpTo.get(endKey(at)) ?? 0) + (row.len ?? 0);
        sentUpTo.set(endKey(at), upTo);
        const heard = peer === null ? null : row.kind === "fin" ? (finReceipt.get(endKey(peer)) ?? null) : (receipts.get(endKey(peer))?.find((r) => r.upTo >= upTo)?.row ?? null);
        items.push({ type: "sent", row, from: at, to: peer, heard });
      } else if (peer === null) {
        // From a peer no paired host owns: what arrived is all there is to show.
        items.push({ type: "received", row, at });
      }
    } else if (row.kind === "rst") {
      // Both ends of a pair may report the reset: one mark.
      if (!rst || peer === null) items.push({ type: "mark", row, at });
      rst = true;
    } else {
      items.push({ type: "mark", row, at });
    }
  }
  return items;
}
