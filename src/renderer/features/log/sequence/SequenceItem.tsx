import type { Translate } from "../../../../shared/i18n";
import { useT } from "../../../hooks/use-t";
import type { SequenceItem } from "../../../model/sequence/sequence-model";

export interface ChartSize {
  readonly column: number;
  readonly row: number;
  readonly gutter: number;
  readonly font: number;
}

/** What fits in a column at this type size (monospace: ~0.62 em a character). */
function clip(text: string, size: ChartSize): string {
  const fits = Math.floor((size.column - 20) / (size.font * 0.62));
  return text.length > fits ? `${text.slice(0, fits - 1)}…` : text;
}

/** What an item says, unclipped: its tooltip, and what the chart's keyboard selection reads out. */
export function itemText(item: SequenceItem, t: Translate): string {
  const { row } = item;
  if (item.type === "note") return row.kind === "state" || row.kind === "timeout" || row.kind === "error" ? row.text : t(`log.kind.${row.kind}`);
  if (row.kind === "fin") return t("log.seq.fin");
  if (row.kind === "rst") return t("log.seq.rst");
  if (row.kind === "connect") return t("log.seq.connect");
  return `${row.kind === "broadcast" ? `${t("log.kind.broadcast")} · ` : ""}${row.len ?? 0} B  ${row.text}`;
}

/** One arrow (with its label and end mark) or one note on a lifeline. */
export function SequenceItemView({
  item,
  tag,
  y,
  x,
  size,
  perspective,
  selected,
  onSelect,
}: {
  item: SequenceItem;
  /** How the row names itself in the tooltip ("#12", "b #12"). */
  tag: string;
  y: number;
  x: (column: number) => number;
  size: ChartSize;
  /** The column whose point of view colours the arrows. */
  perspective: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useT();
  const { row } = item;
  const band = selected ? <rect className="seq-selected" x={0} y={y - size.row * 0.7} width="100%" height={size.row} /> : null;

  const text = itemText(item, t);
  if (item.type === "note") {
    const label = clip(text, size);
    const w = Math.min(size.column - 12, label.length * size.font * 0.62 + 14);
    return (
      <g className={`seq-note kind-${row.kind}`} onClick={onSelect}>
        {band}
        <title>{`${tag} ${text}`}</title>
        <rect x={x(item.at) - w / 2} y={y - size.font * 0.95} width={w} height={size.font * 1.5} rx={4} />
        <text x={x(item.at)} y={y + size.font * 0.3} textAnchor="middle">
          {label}
        </text>
      </g>
    );
  }

  const tone = row.kind === "rst" ? "rst" : row.kind === "fin" ? "fin" : item.to === perspective ? "in" : item.from === perspective ? "out" : "other";
  const x1 = x(item.from);
  const x2 = x(item.to);
  const leftward = x2 < x1;
  const label = row.kind === "fin" || row.kind === "rst" || row.kind === "connect" ? text : clip(text, size);
  return (
    <g className={`seq-arrow ${tone} kind-${row.kind}`} data-dir={row.dir ?? undefined} onClick={onSelect}>
      {band}
      <title>{`${tag} ${label}`}</title>
      <line x1={x1} x2={x2 + (leftward ? 2 : -2)} y1={y} y2={y} markerEnd={`url(#seq-head-${tone})`} />
      {row.kind === "fin" && <line className="fin-bar" x1={x2} x2={x2} y1={y - size.font * 0.6} y2={y + size.font * 0.6} />}
      {row.kind === "rst" && (
        <text className="rst-cross" x={x2 + (leftward ? -1 : 1) * size.font} y={y + size.font * 0.4} textAnchor="middle">
          ✕
        </text>
      )}
      <text x={(x1 + x2) / 2} y={y - size.font * 0.45} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}
