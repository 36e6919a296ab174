import { mkdtemp, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { WireMessage } from "../../shared/wire";
import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";
import { startHost, type RunningHost } from "./server";

let lab: Lab;
let host: RunningHost;

/** A built UI's stand-in: a page and the icon. */
async function uiDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "socket-lab-ui-"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>Socket Lab</title>");
  await writeFile(join(dir, "icon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  return dir;
}

beforeEach(async () => {
  lab = new Lab();
  host = await startHost({ service: new LabService(lab), host: "127.0.0.1", port: 0, rendererDir: await uiDir() });
});

afterEach(async () => {
  lab.closeAll();
  await host.close();
});

/** Sends raw bytes to the host (or another on `port`) and resolves with everything it answered before closing. */
function rawRequest(text: string, port = host.port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** Opens a WebSocket and resolves with the HTTP status of a refusal, or "open". */
function tryUpgrade(token: string | null, origin: string | undefined): Promise<number | "open"> {
  const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/lab${query}`, origin ? { origin } : {});
  return new Promise((resolve) => {
    ws.once("open", () => {
      ws.close();
      resolve("open");
    });
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => {});
  });
}

describe("browser-mode host", () => {
  const own = () => `http://127.0.0.1:${host.port}`;

  it("prints a loopback URL carrying the token", () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it("refuses an upgrade without the token", async () => {
    expect(await tryUpgrade(null, own())).toBe(401);
  });

  it("refuses an upgrade with a wrong token", async () => {
    // Its last character changed (to something it is not: a token ending in "x" once made this test pass a good token).
    const wrong = host.token.slice(0, -1) + (host.token.endsWith("x") ? "y" : "x");
    expect(await tryUpgrade(wrong, own())).toBe(401);
  });

  it("refuses an upgrade from a foreign Origin, even with the token", async () => {
    expect(await tryUpgrade(host.token, "http://evil.example")).toBe(403);
    expect(await tryUpgrade(host.token, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await tryUpgrade(host.token, undefined)).toBe(403);
  });

  it("accepts its own page's origin by any loopback name", async () => {
    expect(await tryUpgrade(host.token, own())).toBe("open");
    expect(await tryUpgrade(host.token, `http://localhost:${host.port}`)).toBe("open");
  });

  it("serves the page with a strict CSP and never a file outside the UI folder", async () => {
    const page = await fetch(`${own()}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    const escape = await fetch(`${own()}/..%2f..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toContain("root:");
  });

  it("answers only to its own names in the Host header (DNS rebinding gets nothing)", async () => {
    const asked = (hostHeader: string) => rawRequest(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    expect(await asked(`127.0.0.1:${host.port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await asked(`localhost:${host.port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await asked(`evil.example:${host.port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(await asked("127.0.0.1")).toMatch(/^HTTP\/1\.1 403/);
  });

  it("listening on every interface, answers to the machine's name too, and still to no other", async () => {
    const wide = await startHost({ service: new LabService(lab), host: "0.0.0.0", port: 0, rendererDir: await uiDir() });
    try {
      const asked = (hostHeader: string) => rawRequest(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`, wide.port);
      expect(await asked(`${hostname()}:${wide.port}`)).toMatch(/^HTTP\/1\.1 200/);
      expect(await asked(`127.0.0.1:${wide.port}`)).toMatch(/^HTTP\/1\.1 200/);
      expect(await asked(`evil.example:${wide.port}`)).toMatch(/^HTTP\/1\.1 403/);
      expect(await asked(hostname())).toMatch(/^HTTP\/1\.1 403/);
    } finally {
      await wide.close();
    }
  });

  it("answers a target that does not decode or parse with 400, and keeps serving", async () => {
    for (const target of ["/%ff", "/%", "/%E0%A4%A", "/a%ed%a0%80", "//["]) {
      expect(await rawRequest(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    }
    expect((await fetch(`${own()}/favicon.ico`)).headers.get("content-type")).toBe("image/svg+xml");
  });

  it("runs commands and streams their events; malformed input gets a typed error", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/lab?token=${host.token}`, { origin: own() });
    const messages: WireMessage[] = [];
    ws.on("message", (raw) => messages.push(JSON.parse(String(raw)) as WireMessage));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send(JSON.stringify({ id: 1, name: "socket", input: {} }));
    ws.send(JSON.stringify({ id: 2, name: "bind", input: { fd: 3, address: ["127.0.0.1", "eighty"] } }));
    ws.send(JSON.stringify({ id: 3, name: "rm -rf", input: {} }));
    await expect.poll(() => messages.filter((m) => m.kind === "reply").length).toBe(3);
    const replies = messages.filter((m) => m.kind === "reply").sort((a, b) => a.id - b.id);
    expect(replies[0]).toEqual({ kind: "reply", id: 1, reply: { ok: true, result: { fd: 3 } } });
    expect(replies[1]).toMatchObject({ id: 2, reply: { ok: false, error: { type: "ValueError", errno: "EINVAL" } } });
    expect(replies[2]).toMatchObject({ id: 3, reply: { ok: false, error: { errno: "EINVAL", message: "unknown command: rm -rf" } } });
    // The event for the new socket went out before the reply that announced it.
    const createdAt = messages.findIndex((m) => m.kind === "events" && m.batch.events.some((e) => e.type === "created"));
    expect(createdAt).toBeGreaterThanOrEqual(0);
    expect(createdAt).toBeLessThan(messages.indexOf(replies[0]!));
    // A recv left blocked when the page goes shows when the host has seen it go: the page's session ends it.
    ws.send(JSON.stringify({ id: 4, name: "socket", input: { type: "SOCK_DGRAM" } }));
    ws.send(JSON.stringify({ id: 5, name: "bind", input: { fd: 4, address: ["127.0.0.1", 0] } }));
    await expect.poll(() => messages.filter((m) => m.kind === "reply").length).toBe(5);
    ws.send(JSON.stringify({ id: 6, name: "recv", input: { fd: 4, bufsize: 8 } }));
    const blocked = async () => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === 4)?.blocked ?? null;
    await expect.poll(blocked).not.toBeNull();
    ws.close();
    await expect.poll(blocked).toBeNull();
    // Its sockets are still there: sockets belong to the Lab, not the page.
    expect(lab.socketCount).toBe(2);
  });
});
