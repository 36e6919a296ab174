import type { LogEntry, LogKind } from "../../../../shared/log-entry";

/** A log row as the chart draws it: everything but the frame span. */
export type SequenceRow = Omit<LogEntry, "span" | "ifname">;

/** A message between two endpoints (columns), or a note on one endpoint's lifeline. */
export type SequenceItem =
  | { readonly type: "arrow"; readonly row: SequenceRow; readonly from: number; readonly to: number }
  | { readonly type: "note"; readonly row: SequenceRow; readonly at: number };

export interface SequenceModel {
  /** Endpoints (`host:port`) in the order they first appear. */
  readonly columns: readonly string[];
  readonly items: readonly SequenceItem[];
}

const BYTES: ReadonlySet<LogKind> = new Set(["data", "datagram", "broadcast", "multicast"]);
const NOTES: ReadonlySet<LogKind> = new Set(["socket", "accept", "state", "close", "timeout", "error", "policy"]);

/**
 * Lays rows out as a sequence chart. When both ends of a TCP connection are
 * in the Lab, its bytes appear twice in the log (sent by one socket, received
 * by the other): the chart draws the send and skips the receipt. A datagram
 * received by a Lab socket is skipped when it matches an earlier send of the
 * same length from the same address to the same address; a broadcast's
 * receipts are drawn, since they show who heard it.
 */
export function buildSequence(rows: readonly SequenceRow[], localHints: Iterable<string> = []): SequenceModel {
  const local = new Set(localHints);
  for (const row of rows) {
    if (row.dir === "out" && row.src) local.add(row.src);
    if (row.dir === "in" && row.dst) local.add(row.dst);
  }
  const columns: string[] = [];
  const column = (endpoint: string): number => {
    const at = columns.indexOf(endpoint);
    return at >= 0 ? at : columns.push(endpoint) - 1;
  };
  const fdEndpoint = new Map<number, string>();
  const unmatchedSends = new Map<string, number>();
  const resetPairs = new Set<string>();
  const items: SequenceItem[] = [];

  for (const row of rows) {
    const { kind, dir, src, dst } = row;
    const own = dir === "in" ? dst : src;
    if (own) fdEndpoint.set(row.fd, own);
    if ((BYTES.has(kind) || kind === "fin") && src && dst) {
      const datagram = kind !== "data" && kind !== "fin";
      const key = `${src}>${dst}|${row.len ?? 0}`;
      if (dir === "in" && !datagram && local.has(src)) continue;
      if (dir === "in" && datagram && (unmatchedSends.get(key) ?? 0) > 0) {
        unmatchedSends.set(key, unmatchedSends.get(key)! - 1);
        continue;
      }
      if (dir === "out" && datagram) unmatchedSends.set(key, (unmatchedSends.get(key) ?? 0) + 1);
      items.push({ type: "arrow", row, from: column(src), to: column(dst) });
    } else if (kind === "connect" && src && dst) {
      items.push({ type: "arrow", row, from: column(src), to: column(dst) });
    } else if (kind === "rst" && src && dst) {
      // The RST row runs peer → reset socket; both ends of a Lab pair may report it: one arrow.
      const pair = `${src}>${dst}`;
      if (resetPairs.has(pair)) continue;
      resetPairs.add(pair);
      items.push({ type: "arrow", row, from: column(src), to: column(dst) });
    } else if (NOTES.has(kind) || kind === "rst") {
      const at = src ?? fdEndpoint.get(row.fd);
      if (at) items.push({ type: "note", row, at: column(at) });
    }
  }
  return { columns, items };
}
