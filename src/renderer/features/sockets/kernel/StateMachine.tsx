import type { LinuxTcpState, TcpEnding } from "../../../../shared/socket-model";
import { type Translate } from "../../../../shared/i18n";
import { useT } from "../../../hooks/use-t";
import type { KernelStep } from "../../../store/kernel-history";
import { EDGES, edgeKey, NODES, ROWS, placePath, type MachineEdge, type MachineNode, type MachinePath } from "./state-machine";

/** The drawing's own units (the SVG scales to the panel's width): three columns, six rows. */
const W = 600;
const COL_X = [114, 300, 486] as const;
const NODE_W = 128;
const NODE_H = 28;
const ROW_GAP = 60;
const TOP = 22;
const H = TOP + (ROWS - 1) * ROW_GAP + NODE_H / 2 + 18;

const pos = (n: MachineNode) => ({ x: COL_X[n.col], y: TOP + n.row * ROW_GAP });
const byId = new Map(NODES.map((n) => [n.id, n]));

/** Where the line between two nodes leaves one box and enters the other, `gap` units short of each. */
function ends(from: MachineNode, to: MachineNode, gap = 3) {
  const a = pos(from);
  const b = pos(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  // The box's edge along the line: whichever of its half-width or half-height the line meets first.
  const t = Math.min(dx === 0 ? Infinity : NODE_W / 2 / Math.abs(dx), dy === 0 ? Infinity : NODE_H / 2 / Math.abs(dy));
  const pad = gap / len;
  return { x1: a.x + dx * (t + pad), y1: a.y + dy * (t + pad), x2: b.x - dx * (t + pad), y2: b.y - dy * (t + pad) };
}

/**
 * Which side of a slanted arrow its label sits on, placed by eye for this
 * layout: up-left, up-right, down-left or down-right of the arrow's middle,
 * wherever no other arrow or box is.
 */
const SLANT_LABEL: Readonly<Record<string, "ul" | "ur" | "dl" | "dr">> = {
  [edgeKey("CLOSE", "LISTEN")]: "ul",
  [edgeKey("CLOSE", "SYN_SENT")]: "ur",
  [edgeKey("SYN_SENT", "ESTABLISHED")]: "dr",
  [edgeKey("ESTABLISHED", "FIN_WAIT1")]: "dr",
  [edgeKey("ESTABLISHED", "CLOSE_WAIT")]: "ur",
  [edgeKey("FIN_WAIT1", "CLOSING")]: "ur",
  [edgeKey("CLOSING", "TIME_WAIT")]: "ul",
  [edgeKey("LAST_ACK", "CLOSE_END")]: "dr",
};

/** A label beside its arrow: outside a column's straight arrows, above a row's, on its free side of a slanted one. */
function labelAt(edge: MachineEdge, line: ReturnType<typeof ends>) {
  const mx = (line.x1 + line.x2) / 2;
  const my = (line.y1 + line.y2) / 2;
  const from = byId.get(edge.from)!;
  const to = byId.get(edge.to)!;
  if (from.col === to.col) return from.col === 2 ? { x: mx + 16, y: my + 4, anchor: "start" as const } : { x: mx - 16, y: my + 4, anchor: "end" as const };
  if (from.row === to.row) return { x: mx, y: my - 7, anchor: "middle" as const };
  const side = SLANT_LABEL[edgeKey(edge.from, edge.to)] ?? "ur";
  const left = side === "ul" || side === "dl";
  return { x: mx + (left ? -10 : 10), y: my + (side[0] === "u" ? -6 : 13), anchor: left ? ("end" as const) : ("start" as const) };
}

function Edge({ edge, path }: { edge: MachineEdge; path: MachinePath }) {
  const line = ends(byId.get(edge.from)!, byId.get(edge.to)!);
  const key = edgeKey(edge.from, edge.to);
  const kind = path.taken.has(key) ? "taken" : path.inferredEdges.has(key) ? "inferred" : "idle";
  const label = labelAt(edge, line);
  return (
    <g className={`sm-edge ${kind}`}>
      <line {...line} markerEnd={`url(#sm-arrow-${kind})`} />
      <text x={label.x} y={label.y} textAnchor={label.anchor} className="sm-edge-label">
        {edge.label}
      </text>
    </g>
  );
}

function Node({ node, path, t }: { node: MachineNode; path: MachinePath; t: Translate }) {
  const { x, y } = pos(node);
  const current = path.current === node.id;
  const seen = path.order.get(node.id);
  const held = path.heldApart && node.id === "TIME_WAIT";
  const kind = current ? (path.reset ? "current reset" : "current") : seen ? "seen" : held ? "held" : path.inferred.has(node.id) ? "inferred" : "idle";
  const gloss = held ? t("kdiag.heldApart") : current && path.reset ? t("kdiag.reset") : t(`kstate.${node.state}`);
  return (
    <g className={`sm-node ${kind}`}>
      <title>{gloss}</title>
      {current && <rect className="sm-halo" x={x - NODE_W / 2 - 5} y={y - NODE_H / 2 - 5} width={NODE_W + 10} height={NODE_H + 10} rx={(NODE_H + 10) / 2} />}
      <rect x={x - NODE_W / 2} y={y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={NODE_H / 2} />
      <text x={x} y={y + 4.5} textAnchor="middle" className="sm-name">
        {node.state}
      </text>
      {seen && (
        <g className="sm-badge">
          <circle cx={x - NODE_W / 2 + 4} cy={y - NODE_H / 2 + 2} r={9} />
          <text x={x - NODE_W / 2 + 4} y={y - NODE_H / 2 + 5.5} textAnchor="middle">
            {seen.join(",")}
          </text>
        </g>
      )}
      {current && path.reset && (
        <text x={x} y={y + NODE_H / 2 + 14} textAnchor="middle" className="sm-note reset">
          RST
        </text>
      )}
    </g>
  );
}

/**
 * The kernel's TCP state machine with this socket on it: the state now
 * filled, the states it was seen in numbered in order, the arrows it took
 * in the accent colour, and what it must have passed between two readings
 * dashed. Names are Linux's; each node's tooltip glosses it.
 */
export function StateMachine({ steps, ended }: { steps: readonly KernelStep[]; ended: TcpEnding | null }) {
  const t = useT();
  const states: LinuxTcpState[] = steps.map((s) => s.state);
  const path = placePath(states, ended);
  const now = steps.at(-1)?.state ?? "CLOSE";
  const label = t("kdiag.label", { state: now, path: states.join(" → ") });
  return (
    <figure className="state-machine">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <defs>
          {(["idle", "taken", "inferred"] as const).map((kind) => (
            <marker
              key={kind}
              id={`sm-arrow-${kind}`}
              className={`sm-arrowhead ${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth={kind === "taken" ? 11 : 9}
              markerHeight={kind === "taken" ? 11 : 9}
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          ))}
        </defs>
        {EDGES.map((edge) => (
          <Edge key={edgeKey(edge.from, edge.to)} edge={edge} path={path} />
        ))}
        {NODES.map((node) => (
          <Node key={node.id} node={node} path={path} t={t} />
        ))}
      </svg>
      <figcaption>
        <span className="sm-key">
          <span className="sm-key-now" aria-hidden /> {t("kdiag.now")}
        </span>
        <span className="sm-key">
          <span className="sm-key-seen" aria-hidden>
            1
          </span>{" "}
          {t("kdiag.seen")}
        </span>
        <span className="sm-legend">{t("kdiag.legend")}</span>
        {path.heldApart && <span className="sm-legend held">{t("kdiag.heldApart")}</span>}
        {path.skipped && <span className="sm-legend">{t(path.inferred.size > 0 ? "kdiag.inferred" : "kdiag.skipped")}</span>}
      </figcaption>
    </figure>
  );
}
