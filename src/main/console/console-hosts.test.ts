import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HostLogRow, HostStatus } from "../../shared/hosts";
import { ConsoleStore } from "../agent/consoles";
import { loadIdentity } from "../agent/identity";
import { startAgent, type RunningAgent } from "../agent/server";
import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";
import { ConsoleHosts } from "./console-hosts";

/**
 * The console's hosts over loopback, in this process: an agent paired by
 * its URL, its sockets and events on the console's timeline beside the
 * console's own, and what a lost agent does: counted gaps on reconnecting,
 * a restarted Lab, a revoked console. The same across namespaces, with a
 * link cut, is in test/lan/agents.test.ts.
 */

const HEARTBEAT = { intervalMs: 100, lostAfterMs: 400 };
const QUICK = [50, 100, 200];

let consoleLab: Lab;
let agentLab: Lab;
let agent: RunningAgent;
let agentDir: string;
let hosts: ConsoleHosts;

async function startOn(lab: Lab, port = 0): Promise<RunningAgent> {
  return startAgent({
    service: new LabService(lab),
    listen: "127.0.0.1",
    port,
    advertise: "127.0.0.1",
    name: "bench-3",
    identity: await loadIdentity(agentDir),
    consoles: new ConsoleStore(join(agentDir, "consoles.json")),
    note: () => {},
  });
}

/** Polls until `test` holds of the hosts and timeline, or fails after `ms` saying what it last saw. */
async function until(test: (hosts: readonly HostStatus[], rows: readonly HostLogRow[]) => boolean, ms = 8000): Promise<{ hosts: readonly HostStatus[]; rows: HostLogRow[] }> {
  const rows: HostLogRow[] = [];
  let after = 0;
  const deadline = Date.now() + ms;
  for (;;) {
    const poll = await hosts.poll(after, 200);
    rows.push(...poll.rows);
    after = poll.next;
    if (test(poll.hosts, rows)) return { hosts: poll.hosts, rows };
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${JSON.stringify(poll.hosts.map(({ sockets, ...h }) => ({ ...h, sockets: sockets.length })))}`);
  }
}

beforeEach(async () => {
  consoleLab = new Lab();
  agentLab = new Lab();
  agentDir = await mkdtemp(join(tmpdir(), "socket-lab-agent-"));
  agent = await startOn(agentLab);
  hosts = new ConsoleHosts(consoleLab, { configDir: await mkdtemp(join(tmpdir(), "socket-lab-console-")), consoleName: "teacher", heartbeat: HEARTBEAT, reconnectDelaysMs: QUICK });
});

afterEach(async () => {
  await hosts.close();
  await agent.close();
  consoleLab.closeAll();
  agentLab.closeAll();
});

describe("the console's hosts", () => {
  it("pairs by URL and puts the agent's sockets and events on the console's timeline, beside its own", async () => {
    const { fd: early } = await agentLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const added = await hosts.add("b", agent.pairingUrl());
    expect(added).toMatchObject({ name: "b", agent: "bench-3", state: "connected", pairedWithCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/), missed: 0 });
    expect(added.sockets.map((s) => s.fd)).toEqual([early]);
    expect(added.clock!.samples).toBeGreaterThanOrEqual(8);

    const before = consoleLab.events.now();
    const { fd } = await agentLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await agentLab.call("bind", { fd, address: ["127.0.0.1", 0] });
    const [, port] = await agentLab.call("getsockname", { fd });
    const { fd: mine } = await consoleLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await consoleLab.call("sendto", { fd: mine, data: "hello", address: ["127.0.0.1", port] });
    const { hosts: seen, rows } = await until((_h, r) => r.some((row) => row.host === "b" && row.kind === "datagram" && row.dir === "in"));
    const after = consoleLab.events.now();

    const arrival = rows.find((r) => r.host === "b" && r.kind === "datagram")!;
    expect(arrival).toMatchObject({ fd, dir: "in", len: 5, text: "hello", dst: `127.0.0.1:${port}` });
    // On the console's clock, within the stated uncertainty, the arrival lies between the console's first call and the row's coming.
    expect(arrival.t + arrival.uncertainty).toBeGreaterThanOrEqual(before);
    expect(arrival.t - arrival.uncertainty).toBeLessThanOrEqual(after);
    const sent = rows.find((r) => r.host === "local" && r.kind === "datagram" && r.dir === "out")!;
    expect(sent).toMatchObject({ fd: mine, uncertainty: 0, dst: `127.0.0.1:${port}` });
    expect(sent.t).toBeLessThanOrEqual(arrival.t + arrival.uncertainty);
    // The timeline's positions run on without gaps.
    expect(rows.map((r) => r.i)).toEqual(rows.map((_, k) => rows[0]!.i + k));
    expect(seen[0]!.sockets.map((s) => s.fd).sort()).toEqual([early, fd].sort());
    expect(seen[0]!.sockets.find((s) => s.fd === fd)).toMatchObject({ type: "SOCK_DGRAM", local: ["127.0.0.1", port] });
  });

  it("refuses, each with a typed error naming why: the name local, a name in use, the same agent twice, a URL that is not one", async () => {
    await expect(hosts.add("local", agent.pairingUrl())).rejects.toMatchObject({ info: { type: "ValueError", errno: "EINVAL", message: expect.stringContaining("own Lab") } });
    await expect(hosts.add("b", "https://example.org/")).rejects.toMatchObject({ info: { errno: "EINVAL", message: expect.stringContaining("wss://") } });
    await hosts.add("b", agent.pairingUrl());
    await expect(hosts.add("b", agent.pairingUrl())).rejects.toMatchObject({ info: { type: "FileExistsError", errno: "EEXIST", message: 'File exists: there is a host named "b" already' } });
    await expect(hosts.add("c", agent.pairingUrl())).rejects.toMatchObject({ info: { errno: "EEXIST", message: 'File exists: that agent is host "b" already' } });
    await expect(hosts.remove("c")).rejects.toMatchObject({ info: { errno: "EINVAL", message: 'no host named "c" (here: b)' } });
    const port = agent.port;
    await agent.close();
    // Nothing listens there now: the reason is the kernel's.
    const other = new ConsoleHosts(consoleLab, { configDir: await mkdtemp(join(tmpdir(), "socket-lab-console-")) });
    await expect(other.add("d", `wss://127.0.0.1:${port}/?pair=${"A".repeat(16)}#sha256=${"0".repeat(64)}`)).rejects.toMatchObject({
      info: { type: "ConnectionRefusedError", message: expect.stringContaining(`cannot add host "d": cannot reach the agent at 127.0.0.1:${port}`) },
    });
    await other.close();
    agent = await startOn(agentLab);
  });

  it("drives a host's Lab (and its own, as local) through one checked call; bad input, an unknown host and a lost one are typed errors", async () => {
    await hosts.add("b", agent.pairingUrl());
    const { fd } = (await hosts.call("b", "socket", { type: "SOCK_DGRAM" })) as { fd: number };
    await hosts.call("b", "bind", { fd, address: ["127.0.0.1", 0] });
    const [, port] = (await hosts.call("b", "getsockname", { fd })) as [string, number];
    // The socket is the agent's: its own Lab has it, the console's has none.
    expect((await agentLab.call("snapshot", {})).sockets.map((s) => s.fd)).toContain(fd);
    expect((await consoleLab.call("snapshot", {})).sockets).toEqual([]);
    const { fd: mine } = (await hosts.call("local", "socket", { type: "SOCK_DGRAM" })) as { fd: number };
    await hosts.call("local", "sendto", { fd: mine, data: "hi b", address: ["127.0.0.1", port] });
    await hosts.call("b", "settimeout", { fd, seconds: 3 });
    expect(await hosts.call("b", "recvfrom", { fd, bufsize: 64 })).toMatchObject({ data: { hex: "68692062" } });
    // The agent's own refusal comes back typed, as its Lab raised it.
    await expect(hosts.call("b", "recv", { fd: 999, bufsize: 1 })).rejects.toMatchObject({ info: { errno: "EBADF" } });

    await expect(hosts.call("b", "bind", { fd, address: "nowhere" })).rejects.toMatchObject({ info: { errno: "EINVAL", message: expect.stringMatching(/^hosts_call\.input: bind\.address/) } });
    await expect(hosts.call("b", "nosuch", {})).rejects.toMatchObject({ info: { errno: "EINVAL", message: 'hosts_call.name: no command "nosuch"' } });
    await expect(hosts.call("b", "hosts_poll", { after: 0 })).rejects.toMatchObject({ info: { errno: "EOPNOTSUPP" } });
    await expect(hosts.call("c", "snapshot", {})).rejects.toMatchObject({ info: { errno: "EINVAL", message: 'no host named "c" (here: b)' } });
    await agent.close();
    await until((h) => h[0]!.state === "lost");
    await expect(hosts.call("b", "snapshot", {})).rejects.toMatchObject({ info: { type: "HostLostError", message: expect.stringContaining("(reconnecting; snapshot was not sent)") } });
    agent = await startOn(agentLab);
  });

  it("shows a lost agent as lost, reconnects by itself, and counts what was emitted while the link was down", async () => {
    await hosts.add("b", agent.pairingUrl());
    const port = agent.port;
    await agent.close();
    await until((h) => h[0]!.state === "lost");
    // The agent's Lab goes on while nobody listens: three sockets, three `created` events no console received.
    for (let k = 0; k < 3; k++) await agentLab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    agent = await startOn(agentLab, port);
    const { hosts: back } = await until((h) => h[0]!.state === "connected" && h[0]!.sockets.length === 3);
    expect(back[0]).toMatchObject({ missed: 3, restarts: 0, lostBecause: null });
    expect(back[0]!.attempts).toBeGreaterThanOrEqual(1);
    // And it hears the agent again.
    await agentLab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await until((h) => h[0]!.events > back[0]!.events && h[0]!.sockets.length === 4);
  });

  it("a restarted agent is a new Lab: its old sockets are gone, and the restart is counted", async () => {
    const { fd } = await agentLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await hosts.add("b", agent.pairingUrl());
    const port = agent.port;
    await agent.close();
    agentLab.closeAll();
    await until((h) => h[0]!.state === "lost");
    agentLab = new Lab();
    agent = await startOn(agentLab, port);
    const { hosts: back } = await until((h) => h[0]!.state === "connected" && h[0]!.restarts === 1 && h[0]!.clock !== null);
    expect(back[0]!.sockets.map((s) => s.fd)).not.toContain(fd);
  });

  it("a console the agent revoked stops reconnecting and says it must pair again", async () => {
    await hosts.add("b", agent.pairingUrl());
    const store = new ConsoleStore(join(agentDir, "consoles.json"));
    store.revoke("all");
    const { hosts: after } = await until((h) => h[0]!.state === "refused");
    expect(after[0]!.lostBecause).toMatch(/401.*pair again/);
    await hosts.remove("b");
    expect(hosts.list()).toEqual([]);
  });

  it("a page that reads too slowly is told how many rows left the timeline before it read them", async () => {
    const small = new ConsoleHosts(consoleLab, { configDir: await mkdtemp(join(tmpdir(), "socket-lab-console-")), heartbeat: HEARTBEAT, kept: 100 });
    await small.add("b", agent.pairingUrl());
    for (let k = 0; k < 30; k++) await consoleLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const lateStart = await small.poll(0, 0);
    for (let k = 0; k < 150; k++) await consoleLab.call("close", { fd: 3 + (k % 30) }).catch(() => consoleLab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" }));
    const poll = await small.poll(lateStart.next, 0);
    expect(poll.dropped).toBeGreaterThan(0);
    expect(poll.rows[0]!.i).toBe(lateStart.next + poll.dropped);
    await small.close();
  });
});
