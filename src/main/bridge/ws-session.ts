import type { RawData, WebSocket } from "ws";
import { invalidArgument } from "../../shared/errors";
import type { WireMessage } from "../../shared/wire";
import { wireClientSchema } from "../../shared/wire-schema";
import { ClientSession, type ClientSessionOptions } from "./client-session";
import type { LabService } from "./lab-service";

/** Largest command message accepted; the biggest legitimate one is a send of a few MiB as hex. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * One WebSocket speaking the contract's wire protocol (shared/wire.ts) to a
 * ClientSession: browser mode's pages and a console driving an agent are
 * served by the same code. A message that does not parse closes the
 * connection (1003), never the server; the session ends when the socket does.
 */
export function serveWebSocket(service: LabService, ws: WebSocket, options?: ClientSessionOptions): ClientSession {
  const session = new ClientSession(service, (batch) => send(ws, { kind: "events", batch }), options);
  // ws closes the connection itself after a protocol error (bad frame, bad UTF-8, too big) and then emits 'close'.
  ws.on("error", () => {});
  ws.on("close", () => session.close());
  ws.on("message", (raw, isBinary) => {
    const message = wireClientSchema.safeParse(parseMessage(raw, isBinary));
    if (!message.success) {
      ws.close(1003, "malformed message");
      return;
    }
    const { data } = message;
    if ("ack" in data) {
      session.ack(data.ack);
      return;
    }
    void session.call(data.name, data.input).then((reply) => send(ws, { kind: "reply", id: data.id, reply }));
  });
  return session;
}

function send(ws: WebSocket, message: WireMessage): void {
  if (ws.readyState !== ws.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (err) {
    // Nothing the Lab returns should fail to serialize; if it does, the caller still gets an answer.
    if (message.kind !== "reply") return;
    text = JSON.stringify({ kind: "reply", id: message.id, reply: { ok: false, error: invalidArgument(`the reply could not be sent: ${String(err)}`) } });
  }
  ws.send(text);
}

function parseMessage(raw: RawData, isBinary: boolean): unknown {
  if (isBinary) return undefined;
  try {
    return JSON.parse(raw.toString());
  } catch {
    return undefined;
  }
}
