import { unwatchFile, watchFile } from "node:fs";
import { createServer, type Server } from "node:https";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { printable } from "../../shared/printable";
import type { AgentNote, ConsoleSummary } from "../../shared/sharing";
import type { LabService } from "../bridge/lab-service";
import { RateLimiter } from "../bridge/rate-limit";
import { MAX_MESSAGE_BYTES, serveWebSocket } from "../bridge/ws-session";
import { requestUrl } from "../bridge/renderer-files";
import type { ConsoleStore, PairedConsole } from "./consoles";
import type { AgentIdentity } from "./identity";
import { PairingSecret } from "./pairing-secret";
import { formatPairingUrl, PAIR_PARAM } from "../../shared/pairing-url";
import { pairingCode } from "./pairing-url";
import { AGENT_NAME_HEADER, AGENT_PATH, CONSOLE_NAME_HEADER, CREDENTIAL_HEADER, REFUSAL_HEADER } from "./protocol";

export interface AgentLimits {
  /** Handshakes per second, and the burst: a console connects once, a flood of attempts gets 429. */
  readonly attempts: { readonly perSecond: number; readonly burst: number };
  /** Consoles connected at once. */
  readonly connections: number;
  /** How long a TLS handshake may take before the connection is dropped. */
  readonly handshakeMs: number;
  /** How often the agent pings each console; one that misses two pings in a row is dropped (its calls end, as a page's do). */
  readonly pingMs: number;
}

export const AGENT_LIMITS: AgentLimits = { attempts: { perSecond: 10, burst: 30 }, connections: 64, handshakeMs: 10_000, pingMs: 5_000 };

export interface AgentOptions {
  readonly service: LabService;
  /** The address to listen on ("0.0.0.0": every interface). */
  readonly listen: string;
  readonly port: number;
  /** The address the printed URL names (the listen address, or one of this machine's when it listens on all). */
  readonly advertise: string;
  readonly name: string;
  readonly identity: AgentIdentity;
  readonly consoles: ConsoleStore;
  readonly note: (note: AgentNote) => void;
  readonly limits?: AgentLimits;
}

export interface RunningAgent {
  readonly port: number;
  /** The URL that pairs the next console (its secret changes each time one pairs). */
  pairingUrl(): string;
  close(): Promise<void>;
}

interface Live {
  readonly console: ConsoleSummary;
  readonly from: string;
  alive: boolean;
}

/**
 * A Lab that a console on another machine drives: the contract over
 * WebSocket over TLS (wss) with the agent's own self-signed certificate,
 * which the console pins by fingerprint. An upgrade passes one guarded
 * pipeline: the attempt rate, the path, no browser Origin at all, and then
 * either the one-time pairing secret or a paired console's credential.
 * Anything else is a 4xx with a reason header, never an exception; after the
 * upgrade the connection is served exactly as a browser-mode page is.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const limits = options.limits ?? AGENT_LIMITS;
  const secret = new PairingSecret();
  const attempts = new RateLimiter(limits.attempts.perSecond, limits.attempts.burst);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const live = new Map<WebSocket, Live>();
  /** Headers to add to an accepted upgrade's 101 response, by request. */
  const extraHeaders = new WeakMap<IncomingMessage, string[]>();
  sockets.on("headers", (headers, req) => headers.push(...(extraHeaders.get(req) ?? [])));

  const https: Server = createServer({ cert: options.identity.cert, key: options.identity.key, minVersion: "TLSv1.3", handshakeTimeout: limits.handshakeMs });
  const pairingUrl = (): string => formatPairingUrl({ host: options.advertise, port: port(), secret: secret.current, fingerprint: options.identity.fingerprint });
  const announce = (): void => options.note({ kind: "pairing", url: pairingUrl(), code: pairingCode(options.identity.fingerprint, secret.current) });
  const port = (): number => (https.address() as AddressInfo).port;

  // Anything but a WebSocket upgrade: nothing to serve.
  https.on("request", (_req, res) => res.writeHead(426, { [REFUSAL_HEADER]: "this is a Socket Lab agent: connect with a console (wss)" }).end());
  // Plain ws:// or HTTP to a TLS port, a handshake that fails or times out: the connection is dropped, the agent goes on.
  https.on("tlsClientError", (err, tls) => {
    if (attempts.take()) options.note({ kind: "refused", from: peer(tls), reason: `no TLS handshake (${printable(err.message, 120)})` });
    tls.destroy();
  });
  https.on("clientError", (_err, socket) => socket.destroy());

  https.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const from = peer(req.socket);
    const refuse = (status: string, reason: string): void => {
      options.note({ kind: "refused", from, reason });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${REFUSAL_HEADER}: ${reason}\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      upgrade(req, socket, head, from, refuse);
    } catch (err) {
      // The consoles file could not be read or written: this console is refused, the agent goes on.
      refuse("500 Internal Server Error", `the agent could not check this console: ${printable(err instanceof Error ? err.message : String(err), 200)}`);
    }
  });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, from: string, refuse: (status: string, reason: string) => void): void {
    if (!attempts.take()) return void socket.end(`HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const url = requestUrl(req.url);
    if (url?.pathname !== AGENT_PATH) return refuse("404 Not Found", "no such path");
    // Every browser sends Origin on a WebSocket; a console never does. No page, on any site, may drive an agent.
    if (req.headers.origin !== undefined) return refuse("403 Forbidden", "a browser page may not connect to an agent");
    if (live.size >= limits.connections) return refuse("503 Service Unavailable", `already ${limits.connections} consoles connected`);

    const given = url.searchParams.get(PAIR_PARAM);
    let paired: { console: PairedConsole; credential: string } | null = null;
    let known: PairedConsole | null;
    if (given !== null) {
      // The code is of the secret being used, read before take() replaces it.
      const code = pairingCode(options.identity.fingerprint, secret.current);
      if (!secret.take(given)) return refuse("401 Unauthorized", "the pairing secret is not this agent's current one (wrong, or used already)");
      paired = options.consoles.add(String(req.headers[CONSOLE_NAME_HEADER] ?? ""));
      known = paired.console;
      options.note({ kind: "paired", console: summary(known), from, code });
      announce();
    } else {
      const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      known = options.consoles.verify(auth);
      if (!known) return refuse("401 Unauthorized", auth ? "this console is not paired with this agent (revoked, or paired with another)" : "pair first: the pairing URL carries ?pair=");
    }
    const headers = [`${AGENT_NAME_HEADER}: ${encodeURIComponent(options.name)}`];
    if (paired) headers.push(`${CREDENTIAL_HEADER}: ${paired.credential}`);
    extraHeaders.set(req, headers);
    const who = summary(known);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      live.set(ws, { console: who, from, alive: true });
      ws.on("pong", () => {
        const entry = live.get(ws);
        if (entry) entry.alive = true;
      });
      ws.on("close", () => {
        if (live.delete(ws)) options.note({ kind: "disconnected", console: who, from });
      });
      options.note({ kind: "connected", console: who, from });
      serveWebSocket(options.service, ws);
    });
  }

  // A console that stopped answering (link down, frozen) is dropped: its blocked calls end as a departed page's do.
  const heartbeat = setInterval(() => {
    for (const [ws, entry] of live) {
      if (!entry.alive) ws.terminate();
      else {
        entry.alive = false;
        ws.ping();
      }
    }
  }, limits.pingMs);
  heartbeat.unref();

  // `socket-lab agent --revoke` edits the file: a revoked console's live connection ends within a second or so.
  const checkRevoked = (): void => {
    let ids: Set<string>;
    try {
      ids = new Set(options.consoles.list().map((c) => c.id));
    } catch {
      return;
    }
    for (const [ws, entry] of live) {
      if (ids.has(entry.console.id)) continue;
      live.delete(ws);
      options.note({ kind: "revoked", console: entry.console, from: entry.from });
      ws.close(4003, "this console was unpaired");
    }
  };
  watchFile(options.consoles.file, { interval: 500, persistent: false }, checkRevoked);

  await new Promise<void>((resolve, reject) => {
    https.once("error", reject);
    https.listen({ host: options.listen, port: options.port }, () => {
      https.off("error", reject);
      resolve();
    });
  });
  announce();

  return {
    port: port(),
    pairingUrl,
    close: async () => {
      clearInterval(heartbeat);
      unwatchFile(options.consoles.file, checkRevoked);
      for (const ws of live.keys()) ws.terminate();
      sockets.close();
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    },
  };
}

function summary(console: PairedConsole): ConsoleSummary {
  return { id: console.id, name: console.name };
}

function peer(socket: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string {
  return socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort ?? "?"}` : "an address no longer known";
}
