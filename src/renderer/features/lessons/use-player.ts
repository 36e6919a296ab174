import { useMemo } from "react";
import { useLabClient, useLabStore } from "../../store/context";
import type { Playing } from "../../store/state/lessons";

/** The player's actions bound to this page's Lab client, for buttons and keys. */
export function usePlayer() {
  const client = useLabClient();
  const next = useLabStore((s) => s.next);
  const back = useLabStore((s) => s.back);
  const runAll = useLabStore((s) => s.runAll);
  const reset = useLabStore((s) => s.resetLesson);
  const reveal = useLabStore((s) => s.reveal);
  const play = useLabStore((s) => s.play);
  const stop = useLabStore((s) => s.stopLesson);
  const loadLessons = useLabStore((s) => s.loadLessons);
  return useMemo(
    () => ({
      next: () => void next(client),
      back: () => void back(client),
      runAll: () => void runAll(client),
      reset: () => void reset(client),
      reveal: (choice: number | null) => void reveal(client, choice),
      play: (playing: Playing) => void play(client, playing),
      stop: () => void stop(client),
      loadLessons: () => void loadLessons(client),
    }),
    [client, next, back, runAll, reset, reveal, play, stop, loadLessons],
  );
}
