import { describe, expect, it } from "vitest";
import { engineFlag, parseCommandLine, portFlag, UsageError } from "./args";

describe("command line, parsed per subcommand", () => {
  it("gives each command its own options", () => {
    expect(parseCommandLine(["serve", "--host", "127.0.0.1", "--port=0", "--allow-remote"])).toEqual({
      kind: "command",
      command: "serve",
      positionals: [],
      values: { host: "127.0.0.1", port: "0", "allow-remote": true },
    });
    expect(parseCommandLine(["run", "a.json", "--format", "text"])).toMatchObject({ command: "run", positionals: ["a.json"], values: { format: "text" } });
    expect(parseCommandLine(["export-python", "--transcript", "half-open"])).toMatchObject({ positionals: ["half-open"], values: { transcript: true } });
  });

  it("keeps everything after the first = of an inline value", () => {
    expect(parseCommandLine(["serve", "--host=a=b"])).toMatchObject({ values: { host: "a=b" } });
  });

  it("refuses an option of another command, an unknown one, a missing value and a wrong count of arguments, naming the usage", () => {
    const cases: [string[], RegExp][] = [
      [["lessons", "--port", "1"], /lessons: Unknown option '--port'.*usage: socket-lab lessons/],
      [["run", "a.json", "--transcript"], /run: Unknown option '--transcript'.*usage: socket-lab run FILE/],
      [["serve", "--format", "text"], /serve: Unknown option '--format'/],
      [["run", "--format"], /run: Option '--format <value>' argument missing/],
      [["run"], /run takes one scenario file or lesson name, got 0/],
      [["run", "a", "b"], /run takes one scenario file or lesson name, got 2/],
      [["lessons", "extra"], /lessons takes no arguments, got 1/],
      [["frobnicate"], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) expect(() => parseCommandLine(argv), argv.join(" ")).toThrow(message);
  });

  it("keeps an option's name whole when it has dots in it (an address typed as an option), and drops parseArgs's second sentence", () => {
    expect(() => parseCommandLine(["serve", "--10.0.0.1"])).toThrow(/^serve: Unknown option '--10\.0\.0\.1' \(usage: socket-lab serve/);
  });

  it("help from anywhere; ports as whole numbers", () => {
    expect(parseCommandLine([])).toEqual({ kind: "help" });
    expect(parseCommandLine(["run", "x", "--help"])).toEqual({ kind: "help" });
    expect(portFlag(undefined, 5747)).toBe(5747);
    expect(portFlag("0", 1)).toBe(0);
    for (const bad of ["http", "", "1.5", "70000", "-1"]) expect(() => portFlag(bad, 1)).toThrow(/--port must be a whole number/);
  });

  it("takes a port in decimal digits only: no hex, exponents, signs or spaces that Number() would accept", () => {
    expect(portFlag("80", 1)).toBe(80);
    expect(portFlag("65535", 1)).toBe(65535);
    for (const bad of ["0x50", "0o120", "0b1010000", "8e1", "+80", " 80", "80 ", "80.0", "65536", "99999999999999999999"]) {
      expect(() => portFlag(bad, 1), bad).toThrow(/--port must be a whole number/);
    }
  });

  it("--engine takes auto, kernel or portable, auto by default, and names what it got otherwise", () => {
    expect(engineFlag(undefined)).toBe("auto");
    expect(engineFlag("portable")).toBe("portable");
    expect(parseCommandLine(["run", "x.json", "--engine", "kernel"])).toMatchObject({ values: { engine: "kernel" } });
    expect(() => engineFlag("fast")).toThrow(new UsageError("--engine must be auto, kernel or portable, not fast"));
  });
});
