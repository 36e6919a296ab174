import { useMemo, useRef, type KeyboardEvent, type MouseEvent } from "react";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { compileColours } from "../colour/colour-rules";
import type { ViewSnapshot } from "../view/live-view";
import { ROW_HEIGHT } from "./columns";
import { LogRow } from "./LogRow";
import { useElementSize } from "../../../hooks/use-element-size";
import { useBlockWindow } from "./use-block-window";
import { useFollowTail } from "./use-follow-tail";
import "./table.css";

const COLUMNS = ["log.col.seq", "log.table.time", "log.col.fd", "log.col.dir", "log.col.kind", "log.col.route", "log.col.len", "log.col.preview"] as const;
const NUMERIC = new Set<string>(["log.col.seq", "log.table.time", "log.col.fd", "log.col.len"]);

/**
 * The log as a keyboard-driven grid: a fixed row height, only the rows on
 * screen in the DOM, follow-tail with a "jump to latest" button, and the
 * selection moved by arrows, Page Up/Down and Home/End.
 */
export function LogTable({ snapshot }: { snapshot: ViewSnapshot }) {
  const t = useT();
  const language = useLabStore((s) => s.language);
  const selectedSeq = useLabStore((s) => s.logSelected);
  const select = useLabStore((s) => s.selectLogEntry);
  const colours = useLabStore((s) => s.logColours);
  const painter = useMemo(() => compileColours(colours), [colours]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { view, ring, length } = snapshot;
  const [measureRef, viewport] = useElementSize<HTMLDivElement>();
  const { following, setFollowing, onScroll } = useFollowTail(snapshot, scrollRef, viewport.height);
  const { first, last } = useBlockWindow(length, scrollRef, following, viewport.height);

  const selectedAbs = selectedSeq === null ? -1 : ring.findSeq(selectedSeq);
  const selectedPos = selectedAbs < 0 ? -1 : view.indexOf(selectedAbs);

  function reveal(position: number): void {
    const el = scrollRef.current;
    if (!el) return;
    const top = position * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }

  function onKeyDown(event: KeyboardEvent): void {
    const el = scrollRef.current;
    if (!el || length === 0) return;
    const page = Math.max(1, Math.floor(el.clientHeight / ROW_HEIGHT) - 1);
    const from = selectedPos >= 0 ? selectedPos : following ? length - 1 : Math.min(length - 1, Math.floor(el.scrollTop / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: selectedPos >= 0 ? from + 1 : from,
      ArrowUp: selectedPos >= 0 ? from - 1 : from,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: length - 1,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(length - 1, move));
    select(ring.seq(view.at(target)));
    setFollowing(target === length - 1);
    reveal(target);
  }

  function onClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>("tr[data-seq]");
    if (row) select(Number(row.dataset.seq));
  }

  const rows = [];
  for (let position = first; position < last; position++) {
    const abs = view.at(position);
    // Keyed by place in the window, not by row: a batch that moves the window refills the same DOM rows.
    rows.push(
      <LogRow key={position - first} ring={ring} abs={abs} position={position} selected={abs === selectedAbs} tone={painter.tone(ring, abs)} language={language} />,
    );
  }
  const activeRow = selectedPos >= first && selectedPos < last && selectedSeq !== null ? `log-row-${selectedSeq}` : undefined;

  return (
    <div
      className="log-grid"
      role="grid"
      aria-label={t("log.grid")}
      aria-rowcount={length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeRow}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="log-grid-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((key) =>
          key === "log.col.dir" ? (
            // Too narrow for the word: the arrows it holds say it, the name says it to assistive technology.
            <span key={key} role="columnheader" className="dir" aria-label={t(key)} title={t(key)}>
              ⇄
            </span>
          ) : (
            <span key={key} role="columnheader" className={NUMERIC.has(key) ? "num" : undefined}>
              {t(key)}
            </span>
          ),
        )}
      </div>
      <div
        className="log-grid-scroll"
        ref={(el) => {
          scrollRef.current = el;
          measureRef(el);
        }}
        onScroll={onScroll}
      >
        <div className="log-grid-sizer" style={{ height: length * ROW_HEIGHT }}>
          <table role="presentation" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
            <tbody role="rowgroup" onClick={onClick}>
              {rows}
            </tbody>
          </table>
        </div>
        {length === 0 && <p className="log-grid-empty">{t(ring.size === 0 ? "log.empty" : "log.noMatch")}</p>}
      </div>
      {!following && length > 0 && (
        <button type="button" className="log-jump" onClick={() => setFollowing(true)}>
          ↓ {t("log.follow.jump")}
        </button>
      )}
    </div>
  );
}
