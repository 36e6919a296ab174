import { useVirtualizer } from "@tanstack/react-virtual";
import type { RefObject } from "react";
import { ROW_HEIGHT } from "./columns";

/** Rows per virtual item. */
const BLOCK = 8;

/**
 * Which rows to draw, with @tanstack/react-virtual.
 *
 * The virtualizer re-measures every item whenever the item count changes,
 * which with a million rows growing 50,000 a second would cost ~25 ms a
 * frame. So its items are blocks of 8 fixed-height rows: an eighth of the
 * work, one re-render per block scrolled, and with one block of overscan the
 * DOM holds the rows on screen and 8 more at each end (every row drawn costs
 * text layout in every frame it is new).
 *
 * While following the tail the rows to draw are simply the last ones that
 * fit (`viewport` px), and the virtualizer is switched off: otherwise each
 * batch would render twice, once for the new rows and once more when the
 * scroll to the bottom moves its range.
 */
export function useBlockWindow(count: number, scrollRef: RefObject<HTMLDivElement | null>, following: boolean, viewport: number): { first: number; last: number } {
  // No React Compiler runs here, and only plain numbers leave this hook, so nothing can be memoized stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: Math.ceil(count / BLOCK),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => BLOCK * ROW_HEIGHT,
    overscan: 1,
    enabled: !following,
  });
  if (following) {
    const fits = Math.ceil(viewport / ROW_HEIGHT) + 1;
    return { first: Math.max(0, count - fits), last: count };
  }
  const items = virtualizer.getVirtualItems();
  const firstBlock = items[0]?.index ?? 0;
  const lastBlock = items.at(-1)?.index ?? -1;
  return { first: Math.min(count, firstBlock * BLOCK), last: Math.min(count, (lastBlock + 1) * BLOCK) };
}
