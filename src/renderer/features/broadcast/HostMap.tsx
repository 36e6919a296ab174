import { useT } from "../../hooks/use-t";
import { endpoint } from "../../model/endpoint";
import { pyName } from "../console/python";
import { meanRtt, type BroadcastEntry } from "../../model/broadcast/responders";
import { formatRtt } from "./selectors";

const W = 520;
/** Past this many responders the map shows the nearest ones and says how many more. */
const MAX_ON_MAP = 24;

/**
 * The sender in the middle, every responder around it, each line labelled
 * with its mean round-trip time. Nearer means faster: the radius grows with
 * the RTT's rank, so one slow host does not squash the others.
 */
export function HostMap({ entry }: { entry: BroadcastEntry }) {
  const t = useT();
  const ranked = [...entry.responders].sort((a, b) => meanRtt(a.rtt) - meanRtt(b.rtt));
  const shown = ranked.slice(0, MAX_ON_MAP);
  const n = shown.length;
  // One or two responders sit beside the sender: a short map, not an empty square.
  const H = n <= 2 ? 140 : 300;
  const CX = W / 2;
  const CY = H / 2;
  const label = t("bc.map.label", { sender: pyName(entry.fd), count: entry.responders.length });
  return (
    <svg className="bc-map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {shown.map((r, i) => {
        // The first two sit left and right of the sender: the map is wider than tall.
        const angle = Math.PI + (2 * Math.PI * i) / Math.max(n, 1);
        const radius = n <= 2 ? 110 : 80 + (i / (n - 1)) * 40;
        const x = CX + Math.cos(angle) * radius * 1.6;
        const y = CY + Math.sin(angle) * radius;
        const mx = (CX + x) / 2;
        const my = (CY + y) / 2;
        return (
          <g key={r.key}>
            <line x1={CX} y1={CY} x2={x} y2={y} className="bc-map-line" />
            <text x={mx} y={my - 4} className="bc-map-rtt" textAnchor="middle">
              {formatRtt(meanRtt(r.rtt))}
            </text>
            <circle cx={x} cy={y} r={9} className="bc-map-host" />
            <text x={x} y={y + (y >= CY - 1 ? 26 : -15)} className="bc-map-name" textAnchor="middle">
              {r.fd !== null ? `${pyName(r.fd)} · ` : ""}
              {endpoint(r.address)}
            </text>
          </g>
        );
      })}
      <circle cx={CX} cy={CY} r={14} className="bc-map-sender" />
      <text x={CX} y={CY + 4} className="bc-map-sender-name" textAnchor="middle">
        {pyName(entry.fd)}
      </text>
      {n === 0 && (
        <text x={CX} y={CY + 40} className="bc-map-empty" textAnchor="middle">
          {t("bc.map.nobody")}
        </text>
      )}
      {ranked.length > n && (
        <text x={W - 8} y={H - 8} className="bc-map-empty" textAnchor="end">
          {t("bc.map.more", { n: ranked.length - n })}
        </text>
      )}
    </svg>
  );
}
