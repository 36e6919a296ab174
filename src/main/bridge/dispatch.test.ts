import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { COMMAND_NAMES } from "../../shared/contract";
import { Lab } from "../lab/lab";
import { LabService } from "./lab-service";
import { dispatch } from "./dispatch";

const lab = new Lab();
const service = new LabService(lab);
afterAll(() => lab.closeAll());

/** Inputs shaped like the real ones, with wrong types, ranges and extra keys mixed in. */
const nearlyValid = fc.record(
  {
    fd: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.string(), fc.constant(null)),
    // Hosts stay loopback or wildcard (or shapes the schema rejects): a fuzzer must not send DNS queries or packets off this machine.
    address: fc.oneof(
      fc.tuple(fc.constantFrom("127.0.0.1", "", "::1", "0.0.0.0"), fc.integer({ min: -1, max: 70000 })),
      fc.integer(),
      fc.constant(null),
      fc.tuple(fc.integer(), fc.integer()),
    ),
    data: fc.oneof(fc.string({ maxLength: 20 }), fc.record({ hex: fc.string({ maxLength: 8 }) }), fc.anything()),
    bufsize: fc.oneof(fc.integer({ min: -1, max: 100 }), fc.double()),
    how: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()),
    seconds: fc.oneof(fc.constant(null), fc.double({ min: -1, max: 0.01, noNaN: true }), fc.string()),
    backlog: fc.integer({ min: -2, max: 5 }),
    flag: fc.anything(),
    family: fc.constantFrom("AF_INET", "AF_INET6", "AF_UNIX"),
    type: fc.constantFrom("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW"),
    level: fc.constantFrom("SOL_SOCKET", "IPPROTO_TCP", "nope"),
    name: fc.constantFrom("SO_RCVBUF", "SO_LINGER", "TCP_NODELAY", "SO_ERROR", "bogus"),
    value: fc.oneof(fc.integer(), fc.tuple(fc.integer(), fc.integer()), fc.string()),
    timeout: fc.oneof(fc.constant(0), fc.constant(null), fc.integer({ min: -1, max: 3 })),
    fds: fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 0x3ff })), { maxLength: 3 }),
    framing: fc.anything(),
  },
  { requiredKeys: [] },
);

describe("dispatch under malformed input", () => {
  it("every command answers every input with a result or a typed error, and the Lab stays consistent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMAND_NAMES), fc.oneof(nearlyValid, fc.anything()), async (name, input) => {
        // fc.anything() could, by chance, build a valid address with a random host name: keep those out.
        fc.pre(!/"(address|group|iface)":\[?"[^"]*[a-zA-Z]/.test(JSON.stringify(input) ?? ""));
        // Blocking calls would wait forever on purpose; make every socket non-blocking first.
        const snapshot = await lab.call("snapshot", {});
        for (const s of snapshot.sockets) if (s.timeout !== 0) await lab.call("settimeout", { fd: s.fd, seconds: 0 });
        if (name === "poll" || name === "select" || name === "export_python") return;
        // discover_start {} probes every interface that is up: a fuzzer must not send to the LAN (discovery-sessions.test.ts fuzzes it on lo).
        if (name.startsWith("discover_")) return;
        const reply = await dispatch(service, name, input);
        if (!reply.ok) {
          expect(typeof reply.error.type).toBe("string");
          expect(reply.error.message.length).toBeGreaterThan(0);
        }
        const after = await lab.call("snapshot", {});
        expect(new Set(after.sockets.map((s) => s.fd)).size).toBe(after.sockets.length);
      }),
      { numRuns: 1500 },
    );
    // Still alive: a full round trip works.
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
    expect((await lab.call("getsockname", { fd }))[0]).toBe("127.0.0.1");
  });

  it("refuses names that are not commands, including prototype keys", async () => {
    for (const name of ["constructor", "__proto__", "hasOwnProperty", 7, null]) {
      const reply = await dispatch(service, name, {});
      expect(reply).toMatchObject({ ok: false, error: { type: "ValueError", errno: "EINVAL" } });
    }
  });
});
