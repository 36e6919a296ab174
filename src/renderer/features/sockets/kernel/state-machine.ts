import type { LinuxTcpState, TcpEnding } from "../../../../shared/socket-model";

/**
 * The TCP state machine in Linux's names (RFC 793's figure, with the names
 * of include/net/tcp_states.h), laid out as a person reads it: opening at
 * the top, ESTABLISHED in the middle, this side's close down the left and
 * the peer's down the right, CLOSE again at the bottom. Pure: the drawing
 * (StateMachine.tsx) and its tests read the same model.
 */

export type NodeId =
  | "CLOSE"
  | "LISTEN"
  | "SYN_SENT"
  | "SYN_RECV"
  | "ESTABLISHED"
  | "FIN_WAIT1"
  | "FIN_WAIT2"
  | "CLOSING"
  | "TIME_WAIT"
  | "CLOSE_WAIT"
  | "LAST_ACK"
  /** CLOSE once more: where a connection ends (RFC 793 draws CLOSED twice, too). */
  | "CLOSE_END";

export interface MachineNode {
  readonly id: NodeId;
  readonly state: LinuxTcpState;
  /** 0 left, 1 centre, 2 right. */
  readonly col: 0 | 1 | 2;
  readonly row: number;
}

export interface MachineEdge {
  readonly from: NodeId;
  readonly to: NodeId;
  /** What moves the socket: "arrives / this side sends", or the call (close() stands for shutdown(SHUT_WR) too). */
  readonly label: string;
}

export const NODES: readonly MachineNode[] = [
  { id: "CLOSE", state: "CLOSE", col: 1, row: 0 },
  { id: "LISTEN", state: "LISTEN", col: 0, row: 1 },
  { id: "SYN_SENT", state: "SYN_SENT", col: 2, row: 1 },
  { id: "SYN_RECV", state: "SYN_RECV", col: 0, row: 2 },
  { id: "ESTABLISHED", state: "ESTABLISHED", col: 1, row: 2 },
  { id: "FIN_WAIT1", state: "FIN_WAIT1", col: 0, row: 3 },
  { id: "CLOSE_WAIT", state: "CLOSE_WAIT", col: 2, row: 3 },
  { id: "FIN_WAIT2", state: "FIN_WAIT2", col: 0, row: 4 },
  { id: "CLOSING", state: "CLOSING", col: 1, row: 4 },
  { id: "LAST_ACK", state: "LAST_ACK", col: 2, row: 4 },
  { id: "TIME_WAIT", state: "TIME_WAIT", col: 0, row: 5 },
  { id: "CLOSE_END", state: "CLOSE", col: 1, row: 5 },
];

export const ROWS = 6;

/** Labels in the wire's terms: a segment that arrives / the one this side answers with, or the call that starts it. */
export const EDGES: readonly MachineEdge[] = [
  { from: "CLOSE", to: "LISTEN", label: "listen()" },
  { from: "CLOSE", to: "SYN_SENT", label: "connect() / SYN" },
  { from: "LISTEN", to: "SYN_RECV", label: "SYN / SYN+ACK" },
  { from: "SYN_RECV", to: "ESTABLISHED", label: "ACK" },
  { from: "SYN_SENT", to: "ESTABLISHED", label: "SYN+ACK / ACK" },
  { from: "ESTABLISHED", to: "FIN_WAIT1", label: "close() / FIN" },
  { from: "ESTABLISHED", to: "CLOSE_WAIT", label: "FIN / ACK" },
  { from: "FIN_WAIT1", to: "FIN_WAIT2", label: "ACK" },
  { from: "FIN_WAIT1", to: "CLOSING", label: "FIN / ACK" },
  { from: "FIN_WAIT2", to: "TIME_WAIT", label: "FIN / ACK" },
  { from: "CLOSING", to: "TIME_WAIT", label: "ACK" },
  { from: "CLOSE_WAIT", to: "LAST_ACK", label: "close() / FIN" },
  { from: "LAST_ACK", to: "CLOSE_END", label: "ACK" },
  { from: "TIME_WAIT", to: "CLOSE_END", label: "60 s" },
];

export const edgeKey = (from: NodeId, to: NodeId): string => `${from}>${to}`;
const EDGE_KEYS = new Set(EDGES.map((e) => edgeKey(e.from, e.to)));

/** What the drawing highlights for one socket. */
export interface MachinePath {
  /** Where each observed step sits, in order (steps with no node, such as NEW_SYN_RECV, are left out). */
  readonly visits: readonly NodeId[];
  /** Visit numbers (1-based) per node. */
  readonly order: ReadonlyMap<NodeId, readonly number[]>;
  /** Edges the socket was seen to take (consecutive visits joined by an edge of the machine). */
  readonly taken: ReadonlySet<string>;
  readonly current: NodeId | null;
  /** Two consecutive visits with no edge between them: the kernel passed a state the Lab did not read. */
  readonly skipped: boolean;
  /** Where a gap can only have gone (the machine's one shortest way between the two readings): drawn dashed, as passed but not seen. */
  readonly inferred: ReadonlySet<NodeId>;
  readonly inferredEdges: ReadonlySet<string>;
  /** The connection sits in TIME_WAIT apart from the fd (the fd's own socket says CLOSE). */
  readonly heldApart: boolean;
  /** It ended by RST. */
  readonly reset: boolean;
}

function nodeOf(state: LinuxTcpState, first: boolean): NodeId | null {
  if (state === "CLOSE") return first ? "CLOSE" : "CLOSE_END";
  return NODES.find((n) => n.id === state)?.id ?? null;
}

/** The machine's one shortest way from `from` to `to` (the nodes between), or null when there is none or more than one. */
export function onlyWay(from: NodeId, to: NodeId): NodeId[] | null {
  const dist = new Map<NodeId, number>([[from, 0]]);
  const ways = new Map<NodeId, number>([[from, 1]]);
  const back = new Map<NodeId, NodeId>();
  const queue: NodeId[] = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of EDGES) {
      if (e.from !== at) continue;
      const d = dist.get(at)! + 1;
      if (!dist.has(e.to)) {
        dist.set(e.to, d);
        ways.set(e.to, ways.get(at)!);
        back.set(e.to, at);
        queue.push(e.to);
      } else if (dist.get(e.to) === d) ways.set(e.to, ways.get(e.to)! + ways.get(at)!);
    }
  }
  if (!dist.has(to) || ways.get(to) !== 1) return null;
  const between: NodeId[] = [];
  for (let at = back.get(to); at !== undefined && at !== from; at = back.get(at)) between.unshift(at);
  return between;
}

/** The ways to CLOSE that skip the machine's arrows and are no missed step: an RST (from anywhere), and a refused connect (no ending: never connected). */
const endsByReset = (ended: TcpEnding | null) => ended === "reset" || ended === null;

/**
 * Places a socket's observed kernel states on the machine. `ended` is how
 * the Lab saw the connection end, which the fd's socket alone cannot say
 * (who finned first, whether an RST ended it). CLOSE is the top node at the
 * start of a life and the bottom one after it; a socket known by one CLOSE
 * only is at the top unless a connection ended there.
 */
export function placePath(steps: readonly LinuxTcpState[], ended: TcpEnding | null): MachinePath {
  const visits: NodeId[] = [];
  for (const state of steps) {
    const first = visits.length === 0 && (steps.length > 1 || ended === null);
    const node = nodeOf(state, first);
    if (node && visits.at(-1) !== node) visits.push(node);
  }
  const order = new Map<NodeId, number[]>();
  visits.forEach((node, i) => order.set(node, [...(order.get(node) ?? []), i + 1]));
  const current = visits.at(-1) ?? null;
  // The fd's socket says CLOSE after this side's FIN went first: the kernel moved the connection into a TIME_WAIT socket of its own.
  const heldApart = ended === "time-wait" && current === "CLOSE_END";
  const reset = ended === "reset" && current === "CLOSE_END";
  const taken = new Set<string>();
  const inferred = new Set<NodeId>();
  const inferredEdges = new Set<string>();
  let skipped = false;
  for (let i = 1; i < visits.length; i++) {
    const from = visits[i - 1]!;
    const to = visits[i]!;
    if (EDGE_KEYS.has(edgeKey(from, to))) taken.add(edgeKey(from, to));
    else if (to === "CLOSE_END" && heldApart && EDGE_KEYS.has(edgeKey(from, "TIME_WAIT"))) {
      taken.add(edgeKey(from, "TIME_WAIT"));
      taken.add(edgeKey("TIME_WAIT", "CLOSE_END"));
    } else if (!(to === "CLOSE_END" && endsByReset(ended))) {
      skipped = true;
      const way = onlyWay(from, to);
      if (!way) continue;
      const hops = [from, ...way, to];
      way.forEach((n) => inferred.add(n));
      for (let h = 1; h < hops.length; h++) inferredEdges.add(edgeKey(hops[h - 1]!, hops[h]!));
    }
  }
  return { visits, order, taken, current, skipped, inferred, inferredEdges, heldApart, reset };
}
