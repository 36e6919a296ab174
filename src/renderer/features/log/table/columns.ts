import type { Direction } from "../../../../shared/events";

/** Fixed: the table places rows by arithmetic, never by measuring them. */
export const ROW_HEIGHT = 24;

/** Seconds since the first row, to the µs: the Lab stamps events in µs. */
export function relativeTime(us: number, t0: number): string {
  return `+${((us - t0) / 1_000_000).toFixed(6)}`;
}

export function dirArrow(dir: Direction | null): string {
  return dir === "in" ? "←" : dir === "out" ? "→" : "";
}

export function route(src: string | null, dst: string | null): string {
  if (src && dst) return `${src} → ${dst}`;
  if (src) return src;
  return dst ? `→ ${dst}` : "";
}
