import type { HostLogRow, HostStatus } from "../../../shared/hosts";

/** Rows the page keeps: enough to scroll back through a demo, bounded so a flood cannot grow the page. */
export const PAGE_ROWS = 5000;

/** Appends a poll's rows, keeping the newest PAGE_ROWS; says how many fell off the front. */
export function appendRows(kept: readonly HostLogRow[], rows: readonly HostLogRow[]): { rows: readonly HostLogRow[]; trimmed: number } {
  if (rows.length === 0) return { rows: kept, trimmed: 0 };
  const all = kept.concat(rows);
  const trimmed = Math.max(0, all.length - PAGE_ROWS);
  return { rows: trimmed > 0 ? all.slice(trimmed) : all, trimmed };
}

/** A host replaced by its newer status, or added at the end. */
export function upsertHost(hosts: readonly HostStatus[], host: HostStatus): readonly HostStatus[] {
  const at = hosts.findIndex((h) => h.name === host.name);
  return at < 0 ? [...hosts, host] : hosts.map((h, i) => (i === at ? host : h));
}

/** The first free one-letter name after "a" (the console is usually a): what the name field suggests. */
export function suggestedName(hosts: readonly HostStatus[]): string {
  const taken = new Set(hosts.map((h) => h.name));
  for (let c = "b".charCodeAt(0); c <= "z".charCodeAt(0); c++) if (!taken.has(String.fromCharCode(c))) return String.fromCharCode(c);
  return `host${hosts.length + 1}`;
}

/** A row's time on the console's clock, as seconds since the console's Lab started, to the millisecond. */
export function rowTime(us: number): string {
  return (us / 1e6).toFixed(3);
}

/** Parts per million to what is worth printing: "12.5", "−3994" (a noisy estimate needs no decimals). */
export function ppmText(ppm: number): string {
  const text = Math.abs(ppm) < 100 ? ppm.toFixed(1) : Math.round(ppm).toString();
  return text.replace("-", "−");
}

/** An uncertainty in ms, rounded up to what is worth printing: "±0.4", "±12". */
export function uncertaintyMs(us: number): string {
  const ms = us / 1000;
  return ms < 10 ? ms.toFixed(1) : Math.ceil(ms).toString();
}
