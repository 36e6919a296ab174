// `npm run bench`: every bench/*.bench.ts, as a table or (--json) one JSON object per line.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Bench, Figure } from "./figure";

const json = process.argv.includes("--json");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !only || f.startsWith(only))
  .sort();

function format(n: number | null): string {
  if (n === null) return "—";
  if (Math.abs(n) >= 1e6) return n.toExponential(3);
  return n.toPrecision(4);
}

const figures: Figure[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(`${dir}/${file}`).href)) as { default: Bench };
  for (const figure of await mod.default()) {
    figures.push(figure);
    if (json) console.log(JSON.stringify(figure));
  }
}

if (!json) {
  const rows = figures.map((f) => [f.name, format(f.value), f.unit, format(f.baseline), format(f.ratio)]);
  const header = ["name", "value", "unit", "baseline", "ratio"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
process.exit(0);
