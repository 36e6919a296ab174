import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";
import { openHost } from "../console/open-host";
import { PinMismatchError } from "../console/pinned-tls";
import { AgentRefusedError, RemoteLab } from "../console/remote-lab";
import type { HostEventBatch } from "../../shared/hosts";
import { ConsoleStore } from "./consoles";
import { loadIdentity } from "./identity";
import { formatPairingUrl, parsePairingUrl } from "../../shared/pairing-url";
import type { AgentNote } from "../../shared/sharing";
import { startAgent, type RunningAgent } from "./server";

/**
 * The agent and the console over loopback, in this process: pairing, every
 * refusal, revocation, and the robustness of the handshake. The same paths
 * across network namespaces are in test/lan/agents.test.ts.
 */

let lab: Lab;
let agent: RunningAgent;
let agentDir: string;
let consoleDir: string;
let notes: AgentNote[];
const opened: RemoteLab[] = [];

async function start(dir: string): Promise<RunningAgent> {
  const identity = await loadIdentity(dir);
  return startAgent({
    service: new LabService(lab),
    listen: "127.0.0.1",
    port: 0,
    advertise: "127.0.0.1",
    name: "bench-3",
    identity,
    consoles: new ConsoleStore(join(dir, "consoles.json")),
    note: (note) => notes.push(note),
  });
}

async function open(url: string, dir = consoleDir): Promise<RemoteLab> {
  const { lab: remote } = await openHost("b", url, { configDir: dir, consoleName: "teacher" });
  opened.push(remote);
  return remote;
}

/** Resolves with what connecting raw (no pinning, any headers) got: the handshake's status, or the error. */
function rawUpgrade(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { rejectUnauthorized: false, headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(`${res.statusCode} ${String(res.headers["x-socket-lab-refusal"] ?? "")}`);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve("open");
      ws.terminate();
    });
    ws.on("error", (err) => resolve(`error: ${err.message}`));
  });
}

beforeEach(async () => {
  lab = new Lab();
  notes = [];
  agentDir = await mkdtemp(join(tmpdir(), "socket-lab-agent-"));
  consoleDir = await mkdtemp(join(tmpdir(), "socket-lab-console-"));
  agent = await start(agentDir);
});

afterEach(async () => {
  for (const remote of opened.splice(0)) await remote.close();
  await agent.close();
  lab.closeAll();
});

describe("socket-lab agent and the console's client", () => {
  it("prints a pairing URL with the certificate's fingerprint and a short code, and keeps its identity across restarts", async () => {
    const first = notes.find((n) => n.kind === "pairing");
    expect(first).toMatchObject({ kind: "pairing", code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/) });
    const url = parsePairingUrl(agent.pairingUrl());
    expect(url).toMatchObject({ host: "127.0.0.1", port: agent.port, secret: expect.any(String) });
    const again = await loadIdentity(agentDir);
    expect(again).toMatchObject({ created: false, fingerprint: url.fingerprint });
  });

  it("pairs once, drives the Lab through the contract, and gets its events tagged with the host", async () => {
    const remote = await open(agent.pairingUrl());
    expect(remote.agentName).toBe("bench-3");
    const batches: HostEventBatch[] = [];
    remote.onEvents((batch) => batches.push(batch));
    const { fd } = await remote.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await remote.call("bind", { fd, address: ["127.0.0.1", 0] });
    const [host, port] = await remote.socketAddress(fd);
    expect(host).toBe("127.0.0.1");
    expect(port).toBeGreaterThan(0);
    await expect(remote.call("recv", { fd: 999, bufsize: 1 })).rejects.toMatchObject({ info: { errno: "EBADF" } });
    // A reply waits for the events its command caused, so they are here already.
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => b.host === "b")).toBe(true);
    expect(batches.flatMap((b) => b.batch.events).some((e) => e.type === "created" && e.fd === fd)).toBe(true);
    expect(remote.lastSeq).toBeGreaterThan(0);
    expect(notes.map((n) => n.kind)).toEqual(["pairing", "paired", "pairing", "connected"]);
    expect(new ConsoleStore(join(agentDir, "consoles.json")).list()).toMatchObject([{ name: "teacher" }]);
  });

  it("reconnects with the stored credential after the secret was used, and refuses the used secret to anyone else", async () => {
    const url = agent.pairingUrl();
    await (await open(url)).close();
    // The same URL again, from this console: its credential, not the spent secret.
    const again = await open(url);
    expect(await again.call("snapshot", {})).toMatchObject({ instance: lab.instance });
    // Another console (nothing stored) with the spent secret.
    const other = await mkdtemp(join(tmpdir(), "socket-lab-console-"));
    await expect(open(url, other)).rejects.toMatchObject({ status: 401, reason: expect.stringContaining("used already") });
  });

  it("refuses a wrong secret, any browser Origin, a missing credential and a forged one", async () => {
    const url = parsePairingUrl(agent.pairingUrl());
    const wrong = formatPairingUrl({ ...url, secret: "A".repeat(22) });
    await expect(open(wrong)).rejects.toBeInstanceOf(AgentRefusedError);
    const base = `wss://127.0.0.1:${agent.port}/`;
    expect(await rawUpgrade(`${base}?pair=${url.secret}`, { origin: `https://127.0.0.1:${agent.port}` })).toMatch(/^403 a browser page/);
    expect(await rawUpgrade(`${base}?pair=${url.secret}`, { origin: "null" })).toMatch(/^403/);
    expect(await rawUpgrade(base)).toMatch(/^401 pair first/);
    expect(await rawUpgrade(base, { authorization: `Bearer ${"0".repeat(16)}.${"A".repeat(43)}` })).toMatch(/^401 this console is not paired/);
    // None of that spent the secret.
    await open(formatPairingUrl(url));
  });

  it("speaks only TLS: plain ws and plain HTTP get nothing, and the agent goes on", async () => {
    expect(await rawUpgrade(`ws://127.0.0.1:${agent.port}/`)).toMatch(/^error/);
    await open(agent.pairingUrl());
    expect(notes.some((n) => n.kind === "refused" && /no TLS handshake/.test(n.reason))).toBe(true);
  });

  it("refuses an agent whose certificate is not the pinned one, before sending it anything", async () => {
    const url = agent.pairingUrl();
    const remote = await open(url);
    await remote.close();
    const port = agent.port;
    await agent.close();
    // Another identity on the same address and port: a different machine, or the agent's files made anew.
    const impostorDir = await mkdtemp(join(tmpdir(), "socket-lab-agent-"));
    const identity = await loadIdentity(impostorDir);
    agent = await startAgent({
      service: new LabService(lab), listen: "127.0.0.1", port, advertise: "127.0.0.1", name: "impostor", identity,
      consoles: new ConsoleStore(join(impostorDir, "consoles.json")), note: (note) => notes.push(note),
    });
    const before = notes.length;
    await expect(open(url)).rejects.toBeInstanceOf(PinMismatchError);
    await expect(open(url)).rejects.toThrow(/not the pinned sha256=/);
    // The impostor saw a TLS handshake that the console hung up on, and nothing else: no request, no credential, no secret.
    const seen = notes.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    for (const note of seen) expect(note).toMatchObject({ kind: "refused", reason: expect.stringMatching(/^no TLS handshake/) });
  });

  it("lists the paired consoles and revokes one: its live connection ends and its credential is refused", async () => {
    const remote = await open(agent.pairingUrl());
    const lost = new Promise((resolve) => remote.onLost(resolve));
    const store = new ConsoleStore(join(agentDir, "consoles.json"));
    const [paired] = store.list();
    expect(store.revoke(paired!.id)).toHaveLength(1);
    expect(await lost).toMatchObject({ type: "HostLostError", message: expect.stringContaining("unpaired") });
    const url = parsePairingUrl(agent.pairingUrl());
    await expect(open(formatPairingUrl({ ...url, secret: null }))).rejects.toMatchObject({ status: 401 });
    expect(notes.some((n) => n.kind === "revoked")).toBe(true);
  });

  it("a malformed frame closes that connection with 1003; the agent and other consoles go on", async () => {
    const remote = await open(agent.pairingUrl());
    const lost = new Promise<{ message: string }>((resolve) => remote.onLost(resolve));
    // The connection's own socket, as a hostile console would use it.
    (remote as unknown as { ws: WebSocket }).ws.send("{not json");
    expect((await lost).message).toMatch(/1003/);
    const next = await open(agent.pairingUrl());
    expect(await next.call("interfaces", {})).toEqual(expect.any(Array));
  });

  it("a handshake flood gets 429 past the burst, without taking the agent down", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => rawUpgrade(`wss://127.0.0.1:${agent.port}/`)));
    expect(results.filter((r) => r.startsWith("429")).length).toBeGreaterThan(0);
  });
});
