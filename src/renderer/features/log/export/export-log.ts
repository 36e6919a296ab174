import type { LogEntry } from "../../../../shared/log-entry";

export type ExportFormat = "ndjson" | "csv";

const CSV_COLUMNS = ["seq", "t_us", "time_s", "fd", "dir", "kind", "src", "dst", "len", "preview"] as const;

/** One row as an NDJSON line: every field (the interface of an arriving datagram when known), times in µs (Lab clock) and seconds since the log's first row. */
export function ndjsonLine(entry: LogEntry, t0: number): string {
  const { seq, t, fd, dir, kind, src, dst, len, text, span, ifname } = entry;
  return JSON.stringify({ seq, t, time: (t - t0) / 1e6, fd, dir, kind, src, dst, len, preview: text, ...(span ? { span } : {}), ...(ifname ? { ifname } : {}) });
}

/**
 * RFC 4180: quote a field that holds a comma, a quote or a line break; double
 * the quotes. Text that a spreadsheet would run as a formula (a datagram that
 * starts with `=HYPERLINK(…)`) gets a leading apostrophe, OWASP's advice for
 * CSV injection; numbers are the Lab's own and stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",");
}

export function csvLine(entry: LogEntry, t0: number): string {
  const { seq, t, fd, dir, kind, src, dst, len, text } = entry;
  return [seq, t, ((t - t0) / 1e6).toFixed(6), fd, dir, kind, src, dst, len, text].map(csvField).join(",");
}

/** Rows per chunk: the page yields between chunks so a big export never freezes it. */
export const EXPORT_CHUNK = 20_000;

/**
 * The rows as file parts (one string per chunk, for a Blob), built a chunk
 * per task. `row(i)` gives the i-th row to export, or null when it left the
 * log while the export ran (a flood does not wait); those are counted.
 */
export async function exportParts(
  format: ExportFormat,
  count: number,
  row: (i: number) => LogEntry | null,
  t0: number,
  onProgress?: (done: number) => void,
): Promise<{ parts: string[]; written: number; skipped: number }> {
  const parts: string[] = format === "csv" ? [`${csvHeader()}\r\n`] : [];
  const line = format === "csv" ? csvLine : ndjsonLine;
  const end = format === "csv" ? "\r\n" : "\n";
  let skipped = 0;
  for (let from = 0; from < count; from += EXPORT_CHUNK) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(count, from + EXPORT_CHUNK); i++) {
      const entry = row(i);
      if (entry) lines.push(line(entry, t0));
      else skipped++;
    }
    if (lines.length > 0) parts.push(lines.join(end) + end);
    onProgress?.(Math.min(count, from + EXPORT_CHUNK));
    if (from + EXPORT_CHUNK < count) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { parts, written: count - skipped, skipped };
}
