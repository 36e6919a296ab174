import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { z } from "zod";

/**
 * Writes a file only its owner may read (a private key, credentials), into
 * a directory only its owner may enter, atomically: a reader sees the old
 * file or the new one, never half of either.
 */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, path);
}

/**
 * A JSON file writePrivateFile wrote, checked against `schema`; null when
 * there is none yet. One that is not JSON, or not what it should be, says
 * so: `${path} is not ${what}`.
 */
export function readPrivateJson<T>(path: string, schema: z.ZodType<T>, what: string): T | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${path} is not ${what}`);
  return parsed.data;
}
