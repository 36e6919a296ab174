import { describe, expect, test } from "vitest";
import { AF, IP, IPV6, LEVEL, MSG, POLL, SHUT, SO, SOCK, TCP } from "./constants";
import { python } from "./test-support";

describe("Linux constants", () => {
  test("every number CPython's socket/select modules expose here equals ours", () => {
    const ours: Record<string, number> = { ...AF, ...SOCK, ...LEVEL, ...SO, ...TCP, ...IP, ...IPV6, ...MSG, ...SHUT, ...POLL };
    const names = Object.keys(ours);
    const py = python<Record<string, number | null>>(`
import socket, select, json
names = ${JSON.stringify(names)}
print(json.dumps({n: getattr(socket, n, getattr(select, n, None)) for n in names}))`);
    const compared = names.filter((n) => py[n] !== null && py[n] !== undefined);
    // This python3 must know most of them, or the check proves little.
    expect(compared.length).toBeGreaterThan(names.length * 0.75);
    expect(Object.fromEntries(compared.map((n) => [n, ours[n]]))).toEqual(Object.fromEntries(compared.map((n) => [n, py[n]])));
  });

  test("SIOCINQ and SIOCOUTQ are FIONREAD and TIOCOUTQ, as CPython's termios names them", () => {
    expect(python<number[]>("import termios, json\nprint(json.dumps([termios.FIONREAD, termios.TIOCOUTQ]))")).toEqual([0x541b, 0x5411]);
  });
});
