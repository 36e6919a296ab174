import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { TOKEN_PARAM, WS_PATH } from "../../shared/wire";
import { CONTENT_SECURITY_POLICY, rendererFile, requestUrl } from "../bridge/renderer-files";
import type { LabService } from "../bridge/lab-service";
import { MAX_MESSAGE_BYTES, serveWebSocket } from "../bridge/ws-session";
import { allowedHosts, allowedOrigins, newToken, pageUrl, tokenMatches } from "./access";

export interface HostOptions {
  readonly service: LabService;
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

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
} as const;

/**
 * Browser mode: serves the built renderer over HTTP and the Lab's contract
 * over a WebSocket. Every request passes one guarded pipeline: a Host this
 * server answers to (DNS rebinding gets nothing), a target that parses, and
 * for an upgrade the token from the printed URL and an Origin of this host's
 * own page. Anything else is a 4xx, never an exception.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const http = createServer((req, res) => {
    serveFile(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end();
    });
  });

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has(req.headers.host?.toLowerCase() ?? "")) return void res.writeHead(403).end();
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405).end();
    const url = requestUrl(req.url);
    const target = url && rendererFile(options.rendererDir, url.pathname);
    if (!target) return void res.writeHead(400).end();
    if (!target.ok) return void res.writeHead(target.status).end();
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      return void res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
    res.writeHead(200, { "content-type": target.contentType, ...SECURITY_HEADERS });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer that resets mid-refusal must not become an unhandled 'error'.
    socket.on("error", () => socket.destroy());
    const url = requestUrl(req.url);
    const refusal = !hosts.has(req.headers.host?.toLowerCase() ?? "")
      ? "403 Forbidden"
      : url?.pathname !== WS_PATH
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
    sockets.handleUpgrade(req, socket, head, (ws) => serveWebSocket(options.service, ws));
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
  hosts = allowedHosts(options.host, port);

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
