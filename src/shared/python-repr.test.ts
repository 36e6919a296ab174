import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "./bytes";
import { exceptionFor, LAB_ERRNOS, LAB_GAI_ERRORS, osError, SOCKET_TIMEOUT } from "./errors";
import { addressRepr, bytesRepr, exceptionLine, pollRepr, strRepr, valueRepr } from "./python-repr";

/**
 * One python3 process answers a whole batch: `program` reads a JSON list on
 * stdin and prints a JSON list of the same length.
 */
function python(program: string, input: unknown[]): string[] {
  const run = spawnSync("python3", ["-c", `import json, sys\n${program}`], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

const quoteHeavy = fc.uint8Array({ maxLength: 12 }).map((b) => b.map((x) => [0x27, 0x22, 0x5c, 0x0a, 0x00, 0x7f, 0x80, 0xff][x % 8]!));

describe("the one Python printer, held to CPython", () => {
  it("prints random byte strings exactly as repr(bytes)", () => {
    const values = [...fc.sample(fc.uint8Array({ maxLength: 64 }), { numRuns: 1500 }), ...fc.sample(quoteHeavy, { numRuns: 500 })];
    const cpython = python("print(json.dumps([repr(bytes.fromhex(h)) for h in json.load(sys.stdin)]))", values.map(toHex));
    values.forEach((v, i) => expect(bytesRepr(v), toHex(v)).toBe(cpython[i]));
  });

  it("prints random text exactly as repr(str)", () => {
    // Code points from every plane, and the characters whose escaping is easy to get wrong.
    const tricky = fc.constantFrom("'", '"', "\\", "\n", "\r", "\t", "\x7f", "\u0085", "\u00a0", "\u00ad", "\ufeff", "\u2028", "\u3000", "é", "你", "😀", "\ud800");
    const text = fc.string({ unit: fc.oneof(tricky, fc.constantFrom(..." azAZ09~"), fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCodePoint(c))), maxLength: 24 });
    const values = fc.sample(text, { numRuns: 1500 });
    const program = "import unicodedata\nprint(json.dumps([[repr(s), [c for c in s if unicodedata.category(c) == 'Cn']] for s in json.load(sys.stdin)]))";
    const cpython = python(program, values) as unknown as [string, string[]][];
    let skewed = 0;
    values.forEach((v, i) => {
      const [repr, unassigned] = cpython[i]!;
      // Characters this python3's Unicode tables do not have yet (V8's are newer) are escaped there, printable here.
      if (unassigned.some((c) => !/\p{Cn}/u.test(c))) skewed += 1;
      else expect(strRepr(v), JSON.stringify(v)).toBe(repr);
    });
    expect(skewed).toBeLessThan(values.length / 10);
  });

  it("prints addresses, None, ints, lists and poll results as CPython does", () => {
    const cases: [string, string][] = [
      [addressRepr(["127.0.0.1", 9000]), "repr(('127.0.0.1', 9000))"],
      [addressRepr(["::1", 9000]), "repr(('::1', 9000, 0, 0))"],
      [addressRepr(["", 0]), "repr(('', 0))"],
      [valueRepr(null), "repr(None)"],
      [valueRepr(-3), "repr(-3)"],
      [valueRepr(true), "repr(True)"],
      [valueRepr([1, "a", null, [false]]), "repr([1, 'a', None, [False]])"],
      [pollRepr([[5, 1], [6, 4]]), "repr([(5, 1), (6, 4)])"],
      [pollRepr([]), "repr([])"],
    ];
    const cpython = python("print(json.dumps([eval(e) for e in json.load(sys.stdin)]))", cases.map(([, e]) => e));
    cases.forEach(([ours, expression], i) => expect(ours, expression).toBe(cpython[i]));
  });

  it("prints every errno the Lab raises as the last line of CPython's traceback, with the exception type Python picks", () => {
    const cpython = python(
      [
        "import errno, os, traceback",
        "out = []",
        "for name in json.load(sys.stdin):",
        "    code = getattr(errno, name)",
        "    e = OSError(code, os.strerror(code))",
        "    out.append(traceback.format_exception_only(type(e), e)[-1].rstrip('\\n'))",
        "print(json.dumps(out))",
      ].join("\n"),
      [...LAB_ERRNOS],
    );
    LAB_ERRNOS.forEach((name, i) => {
      expect(exceptionLine(osError(name, "a detail the Lab adds")), name).toBe(cpython[i]);
      expect(cpython[i]!.startsWith(`${exceptionFor(name)}: `), name).toBe(true);
    });
  });

  it("prints gaierror, timeouts and exceptions without an errno as CPython does", () => {
    const cpython = python(
      [
        "import ctypes, socket, traceback",
        "libc = ctypes.CDLL(None)",
        "libc.gai_strerror.restype = ctypes.c_char_p",
        "def last(e): return traceback.format_exception_only(type(e), e)[-1].rstrip('\\n')",
        "out = []",
        "for name in json.load(sys.stdin):",
        "    code = getattr(socket, name)",
        "    out.append(last(socket.gaierror(code, libc.gai_strerror(code).decode())))",
        "out += [last(socket.timeout('timed out')), last(KeyboardInterrupt()), last(ValueError('bufsize must be >= 0'))]",
        "print(json.dumps(out))",
      ].join("\n"),
      [...LAB_GAI_ERRORS],
    );
    const ours = [
      ...LAB_GAI_ERRORS.map((errno) => exceptionLine({ type: "gaierror", errno, message: "Name or service not known: nowhere.invalid" })),
      exceptionLine(SOCKET_TIMEOUT),
      exceptionLine({ type: "KeyboardInterrupt", errno: null }),
      exceptionLine({ type: "ValueError", errno: "EINVAL", message: "bufsize must be >= 0" }),
    ];
    expect(ours).toEqual(cpython);
  });
});
