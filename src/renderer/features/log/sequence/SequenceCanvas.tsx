import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useT } from "../../../hooks/use-t";
import type { SequenceModel, SequenceRow } from "../../../model/sequence/sequence-model";
import { itemText, SequenceItemView, type ChartSize } from "./SequenceItem";
import "../views.css";
import "./sequence.css";

const SIZES: Record<"normal" | "big", ChartSize> = {
  normal: { column: 230, row: 30, gutter: 96, font: 12 },
  big: { column: 340, row: 50, gutter: 150, font: 20 },
};

/**
 * Lifelines as columns, messages as arrows in time order: FIN ends in a bar
 * (that direction is shut), RST in a red cross. Large type makes it readable
 * on a projector. It follows the newest message unless scrolled up. The log
 * and the Hosts view draw their rows with it. From the keyboard, ↑ ↓ Home
 * End in the focused chart pick a message as a click does, and the pick is
 * read out (the drawing itself is one image to a screen reader).
 */
export function SequenceCanvas<R extends SequenceRow>({
  model,
  heading,
  perspective,
  selected,
  idOf,
  tagOf,
  timeOf,
  onSelect,
  note,
}: {
  model: SequenceModel<R>;
  /** A lifeline's bold first line (who is there: the sockets' Python names, a host's name). */
  heading: (column: number) => string | undefined;
  /** The column whose point of view colours the arrows ("arrives at", "leaves"). */
  perspective: number;
  selected: number | null;
  idOf: (row: R) => number;
  /** How a row names itself in its tooltip: "#12", "b #12". */
  tagOf: (row: R) => string;
  timeOf: (row: R) => string;
  onSelect: (id: number) => void;
  /** Said beside the controls (what part of the rows is charted). */
  note?: ReactNode;
}) {
  const t = useT();
  const [big, setBig] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const size = SIZES[big ? "big" : "normal"];
  const perspectiveName = heading(perspective) ?? model.columns[perspective]?.endpoint ?? "";

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !atEnd.current) return;
    el.scrollTop = el.scrollHeight;
    // Following the newest message sideways too: a wide chart's newest arrow may be off to the right.
    const last = model.items.at(-1);
    if (!last) return;
    const [a, b] = last.type === "arrow" ? [Math.min(last.from, last.to), Math.max(last.from, last.to)] : [last.at, last.at];
    const left = size.gutter + a * size.column;
    const right = size.gutter + (b + 1) * size.column;
    if (left < el.scrollLeft + size.gutter || right > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.max(0, left - size.gutter);
  }, [model, size]);

  if (model.items.length === 0) return <p className="muted view-empty">{t("log.seq.empty")}</p>;
  const at = model.items.findIndex((item) => idOf(item.row) === selected);
  const picked = model.items[at];
  const column = (i: number) => [heading(i), model.columns[i]?.endpoint].filter(Boolean).join(" ");
  const said = picked
    ? picked.type === "arrow"
      ? t("log.seq.picked", { tag: tagOf(picked.row), time: timeOf(picked.row), from: column(picked.from), to: column(picked.to), text: itemText(picked, t) })
      : t("log.seq.pickedNote", { tag: tagOf(picked.row), time: timeOf(picked.row), at: column(picked.at), text: itemText(picked, t) })
    : "";

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = model.items.length - 1;
    const next = { ArrowDown: at < 0 ? 0 : Math.min(last, at + 1), ArrowUp: at < 0 ? last : Math.max(0, at - 1), Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(idOf(model.items[next]!.row));
    atEnd.current = next === last;
    const el = e.currentTarget;
    // The row under the sticky heading of lifelines, or below the fold, comes into view.
    const top = next * size.row;
    const head = el.querySelector(".sequence-head")?.clientHeight ?? 0;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + size.row + head > el.scrollTop + el.clientHeight) el.scrollTop = top + size.row + head - el.clientHeight;
  };
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
        <span className="muted" aria-hidden>
          {t("log.seq.keys")}
        </span>
        {note}
      </div>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      <div
        className="sequence-scroll"
        ref={scrollRef}
        tabIndex={0}
        aria-label={t("log.seq.scroll")}
        aria-keyshortcuts="ArrowUp ArrowDown Home End"
        onKeyDown={onKey}
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - size.row;
        }}
      >
        <div className="sequence-head" style={{ width, paddingLeft: size.gutter, fontSize: size.font + 1 }}>
          {model.columns.map((column, i) => (
            <span key={column.key} className={`${i === perspective ? "me" : ""}${column.host === null ? " outside" : ""}`} style={{ width: size.column }}>
              <b>{heading(i) ?? "\u00a0"}</b>
              <span className="mono">{column.endpoint}</span>
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
          {model.columns.map((column, i) => (
            <line key={column.key} className="lifeline" x1={x(i)} x2={x(i)} y1={0} y2={height} />
          ))}
          {model.items.map((item, i) => {
            const y = i * size.row + size.row * 0.75;
            const id = idOf(item.row);
            return (
              <g key={id}>
                <SequenceItemView item={item} tag={tagOf(item.row)} y={y} x={x} size={size} perspective={perspective} selected={id === selected} onSelect={() => onSelect(id)} />
                {/* After the item: the selected row's band would cover its time otherwise. */}
                <text className="seq-time" x={size.gutter - 8} y={y + size.font * 0.35} textAnchor="end">
                  {timeOf(item.row)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
