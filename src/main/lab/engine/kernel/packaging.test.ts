/**
 * The packaged app must be able to dlopen koffi's native module: it has to be
 * unpacked from the ASAR archive. Checks electron-builder.yml against the
 * koffi files npm actually installed here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, matchesGlob, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "../../../../..");

function nativeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".node"))
    .map((f) => relative(root, join(dir, f)));
}

describe("electron-builder packaging", () => {
  test("asarUnpack covers every koffi native binary installed (koffi loads from @koromix/koffi-<platform>-<arch>)", () => {
    const config = parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as { asarUnpack?: unknown };
    const patterns = Array.isArray(config.asarUnpack) ? config.asarUnpack.filter((p): p is string => typeof p === "string") : [];
    const binaries = [...nativeFiles(join(root, "node_modules/@koromix")), ...nativeFiles(join(root, "node_modules/koffi"))];
    // At least this platform's binary is installed, or the check would pass vacuously.
    expect(binaries.some((f) => f.includes(`koffi-${process.platform}-${process.arch}`))).toBe(true);
    expect(binaries.filter((f) => !patterns.some((p) => matchesGlob(f, p)))).toEqual([]);
    expect(patterns.some((p) => matchesGlob("node_modules/koffi/src/koffi/index.cjs", p))).toBe(true);
  });

  test("koffi is a pinned runtime dependency, not a dev one (the packaged app needs it)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    expect(pkg.dependencies?.koffi).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
