import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fromHex, toHex, utf8 } from "./bytes";
import type { Data } from "./socket-model";
import { pyAddress, pyData, pyJson } from "./python-literals";

/** Evaluates Python expressions with the real interpreter and returns their JSON. */
function evalPython(expressions: string[]): unknown[] {
  const program = `import json\nprint(json.dumps([${expressions.join(", ")}], ensure_ascii=False))`;
  const run = spawnSync("python3", ["-c", program], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as unknown[];
}

describe("Python literals", () => {
  const data: Data[] = [
    "hello",
    'quote " backslash \\ tab \t newline \n',
    "\u0000\u007f\u0080",
    "你好, 😀",
    "\u2028\u2029\ufeff",
    // A leading BOM is data: the Lab sends ef bb bf, and so must the program.
    "\ufeffhi",
    "lone \ud800 surrogate",
    { hex: "00ff10" },
    { hex: "68656C6C6F0a" },
    { hex: "" },
  ];

  it("turn scenario data into exactly the bytes the Lab sends", () => {
    const hexes = evalPython(data.map((d) => `(${pyData(d)}).hex()`));
    expect(hexes).toEqual(data.map((d) => (typeof d === "string" ? toHex(utf8(d)) : toHex(fromHex(d.hex)))));
  });

  it("read like code a person writes", () => {
    expect(pyData("hi\n")).toBe("b'hi\\n'");
    expect(pyData("it's")).toBe(`b"it's"`);
    expect(pyData("你好")).toBe("'你好'.encode()");
    expect(pyData({ hex: "0000000568656c6c6f" })).toBe("b'\\x00\\x00\\x00\\x05hello'");
    expect(pyAddress(["127.0.0.1", "$srv.port"])).toBe("('127.0.0.1', srv.getsockname()[1])");
  });

  it("give JSON values back unchanged", () => {
    const values = [null, true, false, 0, -1.5, 1e-7, "$srv.port", "\u2028\"\\", [1, [2, {}]], { hex: "00", "k\"ey": [null] }];
    expect(evalPython(values.map(pyJson))).toEqual(values);
  });
});
