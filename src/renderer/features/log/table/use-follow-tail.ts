import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { ViewSnapshot } from "../view/live-view";
import { ROW_HEIGHT } from "./columns";

/**
 * Follow-tail: while following, the newest row stays in view. A scroll away
 * from the bottom pauses it (the person is reading); scrolling back to the
 * bottom or `setFollowing(true)` resumes it. While paused, rows that the
 * ring drops from the front are taken off the scroll position, so the rows
 * on screen stay where they are.
 *
 * The scroll to the bottom waits for the next animation frame: setting
 * scrollTop forces a layout, and in the frame the browser lays out once for
 * all the batches that arrived since the last one, instead of once per batch.
 * A change of the viewport's height scrolls too: the rows drawn while
 * following are the last ones that fit, so the view must sit at the bottom.
 */
export function useFollowTail(snapshot: ViewSnapshot, scrollRef: RefObject<HTMLDivElement | null>, viewportHeight: number) {
  const [following, setFollowing] = useState(true);
  const handled = useRef<ViewSnapshot | null>(null);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // A snapshot's shift is taken off once: this also runs for a resize, or when following stops.
    const fresh = handled.current !== snapshot;
    handled.current = snapshot;
    if (!following) {
      // A follow scheduled before the person moved away (Home, a click) must not pull the view back down.
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      if (fresh && snapshot.shifted > 0) el.scrollTop = Math.max(0, el.scrollTop - snapshot.shifted * ROW_HEIGHT);
      return;
    }
    frame.current ||= requestAnimationFrame(() => {
      frame.current = 0;
      el.scrollTop = el.scrollHeight;
    });
  }, [snapshot, following, scrollRef, viewportHeight]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    // A scroll while a follow is pending is the one the follow will undo.
    if (!el || frame.current) return;
    setFollowing(el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT / 2);
  }, [scrollRef]);

  return { following, setFollowing, onScroll };
}
