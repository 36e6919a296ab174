import { useMemo } from "react";
import { useElementSize } from "../../hooks/use-element-size";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { buildSequence, type ChartRow } from "../../model/lessons/sequence";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The lesson's messages as a sequence chart: a column per socket name, one
 * row per message, newest at the bottom; the oldest scroll away when the
 * screen is full (a classroom reads the last few, large).
 */
export function SequenceChart({ fontSize }: { fontSize: number }) {
  const t = useT();
  const chart = useLabStore((s) => s.chart);
  const { columns, rows } = useMemo(() => buildSequence(chart.events, chart.names), [chart.events, chart.names]);
  // Drawn at the size it is shown: text never scales below its font size.
  const [ref, { width, height }] = useElementSize<HTMLDivElement>();

  const rowH = Math.round(fontSize * 2.1);
  const headH = Math.round(fontSize * 2.6);
  const fit = Math.max(1, Math.floor((height - headH - fontSize) / rowH));
  const shown = rows.slice(-fit);
  const hidden = rows.length - shown.length + chart.trimmed;
  const margin = fontSize * 4;
  const x = (col: number) => margin + ((width - 2 * margin) * (col + 0.5)) / Math.max(columns.length, 1);
  const edge = (col: number) => (col >= columns.length / 2 ? width - fontSize * 0.5 : fontSize * 0.5);
  const label = t("lesson.chart.label", { sockets: columns.join(", "), n: rows.length });

  return (
    <div ref={ref} className="sequence-chart">
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={label} style={{ fontSize }}>
          <defs>
            <marker id="seq-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="seq-arrowhead" />
            </marker>
            <marker id="seq-arrow-fin" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="seq-arrowhead fin" />
            </marker>
          </defs>
          {columns.map((name, col) => (
            <g key={name}>
              <line x1={x(col)} x2={x(col)} y1={headH} y2={height} className="seq-lifeline" />
              <text x={x(col)} y={headH - fontSize * 0.8} textAnchor="middle" className="seq-name">
                {name}
              </text>
            </g>
          ))}
          {hidden > 0 && (
            <text x={fontSize * 0.5} y={headH - fontSize * 0.8} className="seq-hidden" style={{ fontSize: fontSize * 0.7 }}>
              {t("lesson.chart.earlier", { n: hidden })}
            </text>
          )}
          {columns.length === 0 && (
            <text x={width / 2} y={height / 2} textAnchor="middle" className="seq-hidden">
              {t("lesson.chart.empty")}
            </text>
          )}
          {shown.map((row, i) => (
            <Row key={row.seq} row={row} y={headH + rowH * (i + 0.75)} x={x} edge={edge} fontSize={fontSize} />
          ))}
        </svg>
      )}
    </div>
  );
}

function Row({ row, y, x, edge, fontSize }: { row: ChartRow; y: number; x: (col: number) => number; edge: (col: number) => number; fontSize: number }) {
  const small = fontSize * 0.9;
  if (row.kind === "mark") {
    const w = row.label.length * small * 0.65 + small;
    return (
      <g className={`seq-mark ${row.tone}`}>
        <rect x={x(row.col) - w / 2} y={y - small} width={w} height={small * 1.5} rx={small * 0.3} />
        <text x={x(row.col)} y={y + small * 0.1} textAnchor="middle" style={{ fontSize: small }}>
          {row.label}
        </text>
      </g>
    );
  }
  const fin = row.kind === "fin";
  // From outside the lesson: in from the left edge. To outside: out to the nearer edge.
  const from = row.from === null ? fontSize * 0.5 : x(row.from);
  const targets = row.kind === "fin" ? (row.to === null ? [] : [row.to]) : row.to;
  const ends = targets.length > 0 ? targets.map(x) : [edge(row.from ?? 0)];
  const outside = targets.length === 0 || row.from === null;
  const far = ends.reduce((a, b) => (Math.abs(b - from) > Math.abs(a - from) ? b : a), ends[0]!);
  const text = row.kind === "fin" ? "FIN" : `${clip(row.label, 28)}${row.outside && outside ? `  (${row.outside})` : ""}`;
  return (
    <g className={`seq-message${fin ? " fin" : ""}${outside ? " outside" : ""}`}>
      {ends.map((end, i) => (
        <line key={i} x1={from} x2={end} y1={y} y2={y} markerEnd={fin ? "url(#seq-arrow-fin)" : "url(#seq-arrow)"} />
      ))}
      {/* A dot on each lifeline that got it: a broadcast's line crosses sockets that did not. */}
      {targets.length > 1 && targets.map((col) => <circle key={`hit-${col}`} className="seq-hit" cx={x(col)} cy={y} r={small * 0.28} />)}
      <text x={(from + far) / 2} y={y - fontSize * 0.35} textAnchor="middle" style={{ fontSize: small }}>
        {text}
      </text>
    </g>
  );
}
