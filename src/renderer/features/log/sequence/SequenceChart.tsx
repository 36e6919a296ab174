import { useLayoutEffect, useRef, useState } from "react";
import type { SocketSnapshot } from "../../../../shared/socket-model";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { formatAddress } from "../../../../shared/socket-model";
import type { ViewSnapshot } from "../view/live-view";
import { pyName } from "../../console/python";
import { relativeTime } from "../table/columns";
import { buildSequence, type SequenceRow } from "./sequence-model";
import { SequenceItemView, type ChartSize } from "./SequenceItem";
import "./sequence.css";

/** Python names of the sockets bound at each endpoint: a listener and the connections it accepted share one. */
function socketNames(sockets: Iterable<SocketSnapshot>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const s of sockets) {
    const at = formatAddress(s.local);
    if (at) names.set(at, [...(names.get(at) ?? []), pyName(s.fd)]);
  }
  return names;
}

/** The most recent rows of the view that the chart lays out. */
const WINDOW = 300;

const SIZES: Record<"normal" | "big", ChartSize> = {
  normal: { column: 230, row: 30, gutter: 96, font: 12 },
  big: { column: 340, row: 50, gutter: 150, font: 20 },
};

/**
 * Endpoints as columns, messages as arrows in time order: FIN ends in a bar
 * (that direction is shut), RST in a red cross. Large type makes it readable
 * on a projector. It follows the newest message unless scrolled up.
 */
export function SequenceChart({ snapshot }: { snapshot: ViewSnapshot }) {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const selected = useLabStore((s) => s.logSelected);
  const select = useLabStore((s) => s.selectLogEntry);
  const [big, setBig] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const size = SIZES[big ? "big" : "normal"];

  const { view, ring, length } = snapshot;
  const rows: SequenceRow[] = [];
  for (let i = Math.max(0, length - WINDOW); i < length; i++) rows.push(ring.entry(view.at(i)));
  const names = socketNames(sockets.values());
  const model = buildSequence(rows, names.keys());
  // Colours as one socket sees it (the selected one, else the first column): arrows into it are "in", out of it "out".
  const mine = formatAddress(selectedFd === null ? null : sockets.get(selectedFd)?.local);
  const perspective = mine && model.columns.includes(mine) ? model.columns.indexOf(mine) : 0;
  const perspectiveName = names.get(model.columns[perspective] ?? "")?.join(", ") ?? model.columns[perspective] ?? "";

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [snapshot, big]);

  if (model.items.length === 0) return <p className="muted view-empty">{t("log.seq.empty")}</p>;
  const width = size.gutter + model.columns.length * size.column;
  const height = model.items.length * size.row + size.row / 2;
  const x = (column: number) => size.gutter + column * size.column + size.column / 2;

  return (
    <div className={`sequence${big ? " big" : ""}`}>
      <div className="view-bar">
        <label className="check">
          <input type="checkbox" checked={big} onChange={(e) => setBig(e.target.checked)} />
          {t("log.seq.big")}
        </label>
        <span className="seq-legend">
          <span className="swatch in" aria-hidden /> {t("log.seq.arrives", { name: perspectiveName })} <span className="swatch out" aria-hidden />{" "}
          {t("log.seq.leaves", { name: perspectiveName })}
        </span>
        {length > WINDOW && <span className="muted">{t("log.seq.partial", { shown: WINDOW, n: length })}</span>}
      </div>
      <div
        className="sequence-scroll"
        ref={scrollRef}
        tabIndex={0}
        aria-label={t("log.seq.scroll")}
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - size.row;
        }}
      >
        <div className="sequence-head" style={{ width, paddingLeft: size.gutter, fontSize: size.font + 1 }}>
          {model.columns.map((endpoint, i) => (
            <span key={endpoint} className={i === perspective ? "me" : undefined} style={{ width: size.column }}>
              <b>{names.get(endpoint)?.join(", ") ?? "\u00a0"}</b>
              <span className="mono">{endpoint}</span>
            </span>
          ))}
        </div>
        <svg
          className="sequence-svg"
          width={width}
          height={height}
          role="img"
          aria-label={t("log.seq.summary", { count: model.items.length, m: model.columns.length })}
          style={{ fontSize: size.font }}
        >
          <defs>
            {["in", "out", "other", "fin", "rst"].map((tone) => (
              <marker key={tone} id={`seq-head-${tone}`} className={`seq-head ${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
          </defs>
          {model.columns.map((endpoint, i) => (
            <line key={endpoint} className="lifeline" x1={x(i)} x2={x(i)} y1={0} y2={height} />
          ))}
          {model.items.map((item, i) => {
            const y = i * size.row + size.row * 0.75;
            return (
              <g key={item.row.seq}>
                <SequenceItemView item={item} y={y} x={x} size={size} perspective={perspective} selected={item.row.seq === selected} onSelect={select} />
                {/* After the item: the selected row's band would cover its time otherwise. */}
                <text className="seq-time" x={size.gutter - 8} y={y + size.font * 0.35} textAnchor="end">
                  {relativeTime(item.row.t, ring.t0)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
