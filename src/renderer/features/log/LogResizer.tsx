import { useEffect, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useT } from "../../hooks/use-t";

const KEY = "socket-lab.logHeight";
const MIN = 160;
const STEP = 32;
/** What the workspace above keeps at least. */
const WORKSPACE_MIN = 220;

function saved(): number | null {
  const value = Number(globalThis.localStorage?.getItem(KEY));
  return value >= MIN ? value : null;
}

function clamp(height: number): number {
  return Math.round(Math.max(MIN, Math.min(window.innerHeight - WORKSPACE_MIN, height)));
}

/**
 * The log's top edge: drag it, or focus it and use the arrow keys, to give
 * the log more or less of the window. The height is a CSS variable the
 * window's grid reads (see log.css), remembered across sessions.
 */
export function LogResizer() {
  const t = useT();
  const [height, setHeight] = useState<number | null>(saved);
  useEffect(() => {
    if (height === null) return;
    document.documentElement.style.setProperty("--log-height", `${height}px`);
    globalThis.localStorage?.setItem(KEY, String(height));
  }, [height]);

  const current = (target: Element) => height ?? target.closest(".log")?.getBoundingClientRect().height ?? MIN;

  function onPointerDown(event: PointerEvent<HTMLDivElement>): void {
    event.currentTarget.setPointerCapture(event.pointerId);
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>): void {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    // The log ends 12 px above the window's bottom (its margin).
    setHeight(clamp(window.innerHeight - 12 - event.clientY));
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const now = current(event.currentTarget);
    const next = { ArrowUp: now + STEP, ArrowDown: now - STEP, Home: MIN, End: window.innerHeight }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setHeight(clamp(next));
  }

  return (
    <div
      className="log-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t("log.resize")}
      aria-valuemin={MIN}
      aria-valuenow={height ?? undefined}
      tabIndex={0}
      title={t("log.resize")}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    />
  );
}
