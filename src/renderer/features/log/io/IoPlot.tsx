import { useT } from "../../../hooks/use-t";
import { formatRate, type IoWindow } from "./io-series";

const PAD = { left: 78, right: 14, top: 12, bottom: 26 };
/** Six line colours that stay apart in light and dark (io.css); more sockets reuse them. */
export const PALETTE = 6;

/** The lines, a rate axis at 0, half and the top, and five time labels; drawn at the size it is shown. */
export function IoPlot({ io, width, height }: { io: IoWindow; width: number; height: number }) {
  const t = useT();
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  if (plotW <= 0 || plotH <= 0) return null;
  const max = niceCeiling(io.max);
  const x = (i: number) => PAD.left + (io.buckets <= 1 ? plotW : (i / (io.buckets - 1)) * plotW);
  const y = (rate: number) => PAD.top + plotH - (max === 0 ? 0 : (rate / max) * plotH);
  const seconds = (us: number) => (us / 1_000_000).toFixed(io.bucketUs < 1_000_000 ? 1 : 0);

  return (
    <svg className="io-svg" width={width} height={height} role="img" aria-label={t("log.io.summary", { count: io.lines.length, s: seconds(io.buckets * io.bucketUs) })}>
      {[0, 0.5, 1].map((f) => (
        <g key={f} className="io-grid">
          <line x1={PAD.left} x2={width - PAD.right} y1={y(max * f)} y2={y(max * f)} />
          <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end">
            {formatRate(max * f)}
          </text>
        </g>
      ))}
      {[...new Set([0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (io.buckets - 1))))].map((i, n, all) => (
        <text key={i} className="io-axis" x={x(i)} y={height - 8} textAnchor={n === 0 && all.length > 1 ? "start" : n === all.length - 1 ? "end" : "middle"}>
          +{seconds(io.from + i * io.bucketUs)} s
        </text>
      ))}
      {io.lines.map((line) => (
        <g key={line.fd} className={`io-c${line.fd % PALETTE}`}>
          <polyline className="io-line" points={line.rates.map((rate, i) => `${x(i)},${y(rate)}`).join(" ")} />
          {/* With few buckets the points carry the reading, and a single one has no line at all. */}
          {io.buckets < 30 && line.rates.map((rate, i) => <circle key={i} className="io-point" cx={x(i)} cy={y(rate)} r={3} />)}
        </g>
      ))}
    </svg>
  );
}

/** 1, 2 or 5 times a power of ten, at least `value`: axis labels people can read. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}
