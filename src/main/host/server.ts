import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Reply } from "../../shared/contract";
import { TOKEN_PARAM, WS_PATH, type WireMessage } from "../../shared/wire";
import { wireCallSchema } from "../../shared/wire-schema";
import { EventBatcher } from "../bridge/batcher";
import { dispatch } from "../bridge/dispatch";
import type { Lab } from "../lab/lab";
import { osError } from "../../shared/errors";
import { allowedOrigins, newToken, pageUrl, tokenMatches } from "./access";
import { RateLimiter } from "./rate-limit";
import { serveStatic } from "./static-files";

export interface HostOptions {
  readonly lab: Lab;
  readonly host: string;
  readonly port: number;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly token?: string;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Largest command message accepted; the biggest legitimate one is a send of a few MiB as hex. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Commands per second per page, and the burst a scenario or a send loop may use at once. */
export const COMMAND_RATE = { perSecond: 5000, burst: 20000 };

/**
 * Browser mode: serves the built renderer over HTTP and the Lab's contract
 * over a WebSocket. An upgrade needs the token from the printed URL and an
 * Origin of this host's own page; anything else is refused before it can
 * reach the Lab.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origins = new Set<string>();

  const http = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://host").pathname;
    void serveStatic(options.rendererDir, path, res);
  });

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://host");
    const refusal =
      url.pathname !== WS_PATH
        ? "404 Not Found"
        : !tokenMatches(token, url.searchParams.get(TOKEN_PARAM))
          ? "401 Unauthorized"
          : !origins.has(req.headers.origin ?? "")
            ? "403 Forbidden"
            : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveClient(options.lab, ws));
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen({ host: options.host, port: options.port }, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  origins = allowedOrigins(options.host, port);

  return {
    url: pageUrl(options.host, port, token),
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, message: WireMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

/** Lab resources a page opened that outlive a command: ended when the page goes, as a process's are at exit. */
function trackLeftovers(lab: Lab): { note(name: string, reply: Reply): void; release(): void } {
  const watchers = new Set<number>();
  const sessions = new Set<number>();
  return {
    note(name, reply) {
      if (!reply.ok || typeof reply.result !== "object" || reply.result === null) return;
      if (name === "watch" && "watcher" in reply.result && typeof reply.result.watcher === "number") watchers.add(reply.result.watcher);
      if (name === "scenario_open" && "session" in reply.result && typeof reply.result.session === "number") sessions.add(reply.result.session);
    },
    release() {
      for (const watcher of watchers) void lab.call("unwatch", { watcher }).catch(() => {});
      for (const session of sessions) void lab.call("scenario_close", { session }).catch(() => {});
    },
  };
}

function serveClient(lab: Lab, ws: WebSocket): void {
  const limiter = new RateLimiter(COMMAND_RATE.perSecond, COMMAND_RATE.burst);
  const leftovers = trackLeftovers(lab);
  const batcher = new EventBatcher((events) => send(ws, { kind: "events", events }));
  const unsubscribe = lab.events.subscribe(batcher.push);
  ws.on("close", () => {
    unsubscribe();
    batcher.stop();
    leftovers.release();
  });
  ws.on("message", (raw, isBinary) => {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(raw.toString());
    } catch {
      parsed = undefined;
    }
    const call = wireCallSchema.safeParse(parsed);
    if (!call.success) {
      ws.close(1003, "malformed message");
      return;
    }
    if (!limiter.take()) {
      const error = { ...osError("EAGAIN"), type: "RateLimitError", message: "too many commands from this page; slow down" };
      send(ws, { kind: "reply", id: call.data.id, reply: { ok: false, error } });
      return;
    }
    void dispatch(lab, call.data.name, call.data.input).then((reply) => {
      leftovers.note(call.data.name, reply);
      // Events the call caused go out first, so the page sees cause before reply.
      batcher.drain();
      send(ws, { kind: "reply", id: call.data.id, reply });
    });
  });
}
