import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "./args";
import { parseScenario } from "../../shared/scenario";
import { discoverRequest, scenarioText } from "./discover";

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL("./index.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

describe("socket-lab discover: options", () => {
  it("defaults: every standard protocol, 3 s, all interfaces, NDJSON", () => {
    expect(discoverRequest({})).toEqual({ iface: null, timeoutMs: 3000, protocols: ["mdns", "ssdp", "wsd", "llmnr", "nbns"], name: null, format: "ndjson", passive: false, packets: false, custom: [] });
  });

  it("takes a protocol list, a timeout in seconds, a name, loopback by name and a probe of one's own", () => {
    const line = parseCommandLine(["discover", "--iface", "lo", "--timeout", "1.5", "--protocols", "ssdp,mdns,ssdp", "--name", "nas", "--probe", "127.0.0.1:9000:6869", "--match", "hex:41"]);
    if (line.kind !== "command" || line.command !== "discover") throw new Error("discover");
    expect(discoverRequest(line.values)).toMatchObject({
      iface: "lo",
      timeoutMs: 1500,
      protocols: ["ssdp", "mdns"],
      name: "nas",
      custom: [{ address: "127.0.0.1", port: 9000, data: Buffer.from("hi"), match: { kind: "prefix", hex: "41" } }],
    });
  });

  it("refuses each bad option with a sentence that names it", () => {
    const cases: [Parameters<typeof discoverRequest>[0], RegExp][] = [
      [{ timeout: "0" }, /--timeout must be a number of seconds above 0/],
      [{ timeout: "1e3" }, /--timeout/],
      [{ timeout: "99999" }, /at most 3600/],
      [{ protocols: "mdns,dhcp" }, /unknown protocol 'dhcp'/],
      [{ format: "xml" }, /--format must be ndjson or text/],
      [{ iface: "no-such-if0" }, /--iface no-such-if0: no such interface/],
      [{ name: "a.b" }, /--name a\.b: a single-label host name of 1 to 63 letters/],
      [{ name: "a.b", protocols: "llmnr" }, /--name a\.b: a single-label host name/],
      [{ name: "x".repeat(16) }, /a NetBIOS name has at most 15 characters \(or leave nbns out of the protocols\)/],
      [{ name: "x".repeat(64), protocols: "llmnr" }, /1 to 63/],
      [{ probe: "10.0.0.1:80" }, /--probe must be IPV4ADDRESS:PORT:HEX/],
      [{ probe: "300.0.0.1:80:00" }, /not an IPv4 address and port/],
      [{ probe: "10.0.0.1:80:0" }, /--probe must be/],
      [{ probe: "10.0.0.1:80:00", match: "(" }, /--match is not a regular expression/],
      [{ probe: "10.0.0.1:80:00", match: "hex:abc" }, /even number of hex digits/],
      [{ match: "x" }, /--match goes with --probe/],
      [{ passive: true, probe: "10.0.0.1:80:00" }, /--passive sends nothing/],
    ];
    for (const [flags, message] of cases) expect(() => discoverRequest(flags), JSON.stringify(flags)).toThrow(message);
    expect(() => discoverRequest({ timeout: "x" })).toThrow(UsageError);
  });

  it("--scenario prints a probe as a valid scenario: the same bytes from an ordinary socket, to the group, one answer read", () => {
    const parsed = parseScenario(scenarioText({ scenario: "mdns", iface: "lo", timeout: "1" }));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const steps = parsed.scenario.steps;
    expect(steps.map((s) => s.op)).toEqual(["socket", "setsockopt", "bind", "sendto", "settimeout", "recvfrom", "close"]);
    expect(steps[2]).toMatchObject({ address: ["127.0.0.1", 0] });
    expect(steps[3]).toMatchObject({ address: ["224.0.0.251", 5353] });
    const sent = steps[3]!.op === "sendto" ? steps[3]!.data : null;
    expect(typeof sent === "object" && sent !== null && "hex" in sent ? Buffer.from(sent.hex, "hex").toString("latin1") : "").toContain("_services\x07_dns-sd");
    expect(steps[4]).toMatchObject({ seconds: 1 });
    expect(() => scenarioText({ scenario: "nbns" })).toThrow(/--scenario nbns: a NetBIOS probe asks for a name/);
    expect(() => scenarioText({ scenario: "dhcp" })).toThrow(/--scenario: unknown protocol 'dhcp'/);
  });

  it("the real CLI exits 2 on a bad option, saying why in one line", async () => {
    const run = await exec(process.execPath, ["--import", TSX, CLI, "discover", "--protocols", "bogus"], { timeout: 60_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("socket-lab: --protocols: unknown protocol 'bogus' (known: mdns,ssdp,wsd,llmnr,nbns)");
  });
});
