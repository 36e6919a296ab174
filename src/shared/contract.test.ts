import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, isCommandName, parseCommand } from "./contract";

describe("command contract", () => {
  it("fills defaults for socket()", () => {
    expect(parseCommand("socket", {})).toEqual({ ok: true, args: { family: "AF_INET", type: "SOCK_STREAM" } });
  });

  it.each([
    ["bind", { fd: 3, address: ["127.0.0.1", 70000] }, "bind.address.1"],
    ["bind", { fd: 3, address: "127.0.0.1:80" }, "bind.address"],
    ["send", { fd: 3, data: { hex: "abc" } }, "send.data"],
    ["recv", { fd: -1, bufsize: 10 }, "recv.fd"],
    ["recv", { fd: 3 }, "recv.bufsize"],
    ["socket", { type: "SOCK_RAW" }, "socket.type"],
    ["close", { fd: 3, extra: true }, "close"],
    ["export_python", { scenario: { name: "s", steps: [{ op: "socket", as: "a" }] }, style: "ndjson" }, "export_python.style"],
    ["export_python", { scenario: { name: "s", steps: [{ op: "socket", as: "a" }] }, host: "1b" }, "export_python.host"],
  ] as const)("rejects %s %j naming the field", (name, input, where) => {
    const parsed = parseCommand(name, input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.type).toBe("ValueError");
    expect(parsed.error.errno).toBe("EINVAL");
    expect(parsed.error.message.startsWith(where)).toBe(true);
  });

  it("export_python takes an optional style, repl or transcript", () => {
    const scenario = { name: "s", steps: [{ op: "socket", as: "a" }] };
    for (const style of [undefined, "repl", "transcript"] as const) {
      const parsed = parseCommand("export_python", style ? { scenario, style } : { scenario });
      expect(parsed.ok, String(style)).toBe(true);
      if (parsed.ok) expect(parsed.args.style).toBe(style);
    }
  });

  it("export_python takes the host whose program to write, as a scenario names hosts", () => {
    const parsed = parseCommand("export_python", { scenario: { name: "s", steps: [{ op: "socket", host: "b", as: "a" }] }, host: "b" });
    expect(parsed.ok && parsed.args.host).toBe("b");
  });

  it("knows only its own command names", () => {
    expect(isCommandName("socket")).toBe(true);
    expect(isCommandName("__proto__")).toBe(false);
    expect(isCommandName("toString")).toBe(false);
    expect(isCommandName(42)).toBe(false);
  });

  it("never throws on arbitrary input, and every rejection is a typed EINVAL", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_NAMES), fc.anything(), (name, input) => {
        const parsed = parseCommand(name, input);
        if (!parsed.ok) {
          expect(parsed.error).toMatchObject({ type: "ValueError", errno: "EINVAL" });
          expect(parsed.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
