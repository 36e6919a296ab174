import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings, writeSettings } from "./settings-file";

const dir = () => mkdtempSync(join(tmpdir(), "socket-lab-settings-"));

describe("desktop settings file", () => {
  it("round-trips, and replaces the file by rename so no reader ever sees it half-written", () => {
    const file = join(dir(), "settings.json");
    writeSettings(file, { theme: "dark", language: "zh-CN", bounds: { x: 1, y: 2, width: 800, height: 600 } });
    expect(readSettings(file)).toEqual({ theme: "dark", language: "zh-CN", bounds: { x: 1, y: 2, width: 800, height: 600 } });
    writeSettings(file, { theme: "light" });
    expect(readSettings(file)).toEqual({ theme: "light" });
    // No temporary file left beside it.
    expect(readdirSync(join(file, ".."))).toEqual(["settings.json"]);
  });

  it("keeps the fields it understands from a damaged or foreign file, and reads garbage as defaults", () => {
    const file = join(dir(), "settings.json");
    writeFileSync(file, JSON.stringify({ theme: "dark", language: "klingon", bounds: { x: "left" }, extra: 1 }));
    expect(readSettings(file)).toEqual({ theme: "dark" });
    writeFileSync(file, "{ truncated");
    expect(readSettings(file)).toEqual({});
    expect(readSettings(join(dir(), "missing.json"))).toEqual({});
  });

  it("a write that fails part-way leaves the previous settings whole", () => {
    const file = join(dir(), "settings.json");
    writeSettings(file, { theme: "dark" });
    // The temporary file cannot be written (a folder holds its name): truncate-then-write would have emptied the file by now.
    mkdirSync(`${file}.${process.pid}.tmp`);
    writeSettings(file, { theme: "light" });
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ theme: "dark" });
  });

  it("a rename that fails leaves no temporary file behind", () => {
    const folder = dir();
    const file = join(folder, "settings.json");
    // A folder with something in it holds the settings file's name: the temporary file is written, the rename fails.
    mkdirSync(file);
    writeFileSync(join(file, "keep"), "");
    writeSettings(file, { theme: "dark" });
    expect(readdirSync(folder)).toEqual(["settings.json"]);
  });
});
