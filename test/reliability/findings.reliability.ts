import { afterEach, describe, expect, it } from "vitest";
import { dispatch } from "../../src/main/bridge/dispatch";
import { LabService } from "../../src/main/bridge/lab-service";
import { Lab } from "../../src/main/lab/lab";
import { isLabErrorInfo } from "../../src/shared/errors";
import type { LabEvent } from "../../src/shared/events";
import { fdCount, settle } from "./helpers";

/**
 * Deterministic reproductions of what the fuzz and the leak tests found, one
 * test per defect, so each fails reliably (not by the luck of a seed) until
 * the Lab is fixed. Each test says what Linux/Python would do instead.
 */

let lab = new Lab();
afterEach(() => {
  lab.closeAll();
  lab = new Lab();
});

const handles = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

async function pair(): Promise<{ server: number; client: number; conn: number }> {
  const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
  await lab.call("listen", { fd: server, backlog: 1 });
  const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("connect", { fd: client, address: await lab.call("getsockname", { fd: server }) });
  const { fd: conn } = await lab.call("accept", { fd: server });
  return { server, client, conn };
}

describe("dispatch answers every input with a reply (the IPC front door can send any structured-clone value)", () => {
  it("a typed array where an address belongs gets a typed error, not a thrown TypeError", async () => {
    // zod's .readonly() on the address tuple calls Object.freeze on the input, which throws for a non-empty typed array.
    const reply = await dispatch(new LabService(lab), "bind", { fd: 3, address: new Float64Array([1]) }).catch((err: Error) => `threw ${err.name}: ${err.message}`);
    expect(reply).toMatchObject({ ok: false, error: { type: "ValueError", errno: "EINVAL" } });
  });

  it("a command name that cannot be turned into a string gets a typed error, not a thrown TypeError", async () => {
    // dispatch builds its message with String(name), which throws for {toString: 1}.
    const reply = await dispatch(new LabService(lab), { toString: 1 }, {}).catch((err: Error) => `threw ${err.name}: ${err.message}`);
    expect(reply).toMatchObject({ ok: false, error: { type: "ValueError", errno: "EINVAL" } });
  });
});

describe("errors carry an errno, as Python's OSError does", () => {
  it("UDP sendto port 0 is OSError EINVAL (Linux udp_sendmsg), not an errno-less Node validation message", async () => {
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const reply = await dispatch(new LabService(lab), "sendto", { fd, data: "x", address: ["127.0.0.1", 0] });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(isLabErrorInfo(reply.error)).toBe(true);
      expect(reply.error, JSON.stringify(reply.error)).toMatchObject({ type: "OSError", errno: "EINVAL" });
    }
  });

  it("join_group with an empty group fails with an errno, not Node's ERR_MISSING_ARGS text", async () => {
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
    const reply = await dispatch(new LabService(lab), "join_group", { fd, group: "", iface: "127.0.0.1" });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.errno, JSON.stringify(reply.error)).not.toBeNull();
  });
});

describe("UDP connect reports the kernel's refusal, as Python does", () => {
  it("connect to 127.255.255.255 without SO_BROADCAST is PermissionError EACCES (not an errno-less 'Not connected')", async () => {
    // Node hands the connect error to the callback, which the Lab ignores; remoteAddress() then throws ERR_SOCKET_DGRAM_NOT_CONNECTED.
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const reply = await dispatch(new LabService(lab), "connect", { fd, address: ["127.255.255.255", 9] });
    expect(reply).toMatchObject({ ok: false, error: { type: "PermissionError", errno: "EACCES" } });
  });

  it("an AF_INET6 socket bound to ::1 connecting to ::ffff:127.0.0.1 is OSError ENETUNREACH", async () => {
    const { fd } = await lab.call("socket", { family: "AF_INET6", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd, address: ["::1", 0] });
    const reply = await dispatch(new LabService(lab), "connect", { fd, address: ["::ffff:127.0.0.1", 9] });
    expect(reply).toMatchObject({ ok: false, error: { type: "OSError", errno: "ENETUNREACH" } });
  });

  it("connect to port 0 succeeds as on Linux, and getpeername then says not connected (OSError ENOTCONN)", async () => {
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    expect(await dispatch(new LabService(lab), "connect", { fd, address: ["127.0.0.1", 0] })).toEqual({ ok: true, result: null });
    expect(await dispatch(new LabService(lab), "getpeername", { fd })).toMatchObject({ ok: false, error: { type: "OSError", errno: "ENOTCONN" } });
  });
});

describe("no fd outlives its close", () => {
  it("closing a UDP socket while its first sendto is still auto-binding releases the socket (and the sendto fails EBADF)", async () => {
    const { fd: sink } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: sink, address: ["127.0.0.1", 0] });
    const to = await lab.call("getsockname", { fd: sink });
    const udpBefore = handles("UDPWrap");
    const fdsBefore = fdCount();
    const replies: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
      // Back to back, as two WebSocket messages arrive: close comes while sendto awaits its implicit bind.
      const sent = dispatch(new LabService(lab), "sendto", { fd, data: "x", address: to });
      const closed = dispatch(new LabService(lab), "close", { fd });
      replies.push(await sent, await closed);
    }
    const settled = await settle(() => handles("UDPWrap") <= udpBefore && fdCount() <= fdsBefore, 3000);
    expect(
      // Handles closed late by earlier tests may bring the counts below the baseline: only growth is a leak.
      { leakedUdpHandles: Math.max(0, handles("UDPWrap") - udpBefore), leakedFds: Math.max(0, fdCount() - fdsBefore), settled: settled !== null },
      `replies: ${JSON.stringify(replies.slice(0, 2))}`,
    ).toEqual({ leakedUdpHandles: 0, leakedFds: 0, settled: true });
  });

  it("shutdown(SHUT_WR) then close with SO_LINGER (1, 0) releases the fd, without a spurious EINVAL, and the peer reads what Python reads", async () => {
    const events: LabEvent[] = [];
    lab.events.subscribe((e) => events.push(e));
    const tcpBefore = process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
    const fdsBefore = fdCount();
    const peerSaw = new Map<string, number>();
    for (let i = 0; i < 5; i++) {
      const { server, client, conn } = await pair();
      await lab.call("shutdown", { fd: client, how: 1 });
      await lab.call("setsockopt", { fd: client, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] });
      await lab.call("close", { fd: client });
      await lab.call("close", { fd: server });
      // The peer reads the FIN: b'', and again b'' (Python on Linux: the FIN came first, so the later RST is not reported by recv).
      await lab.call("settimeout", { fd: conn, seconds: 2 });
      const outcomes: string[] = [];
      for (let read = 0; read < 2; read++) {
        try {
          const got = await lab.call("recv", { fd: conn, bufsize: 16 });
          outcomes.push(got.hex === "" ? "b''" : "data");
        } catch (err) {
          const info = (err as { info?: { type: string; errno: string | null } }).info;
          outcomes.push(`${info?.type}/${info?.errno}`);
        }
      }
      const key = outcomes.join(" then ");
      peerSaw.set(key, (peerSaw.get(key) ?? 0) + 1);
      await lab.call("close", { fd: conn });
    }
    const settled = await settle(() => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length <= tcpBefore && fdCount() <= fdsBefore, 3000);
    const spurious = events.filter((e) => e.type === "error" && e.op === "wire" && e.error.errno === "EINVAL");
    expect({
      leakedTcpHandles: process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length - tcpBefore,
      leakedFds: fdCount() - fdsBefore,
      settled: settled !== null,
      spuriousEinvalEvents: spurious.length,
      peerSaw: Object.fromEntries(peerSaw),
    }).toEqual({ leakedTcpHandles: 0, leakedFds: 0, settled: true, spuriousEinvalEvents: 0, peerSaw: { "b'' then b''": 5 } });
  });
});
