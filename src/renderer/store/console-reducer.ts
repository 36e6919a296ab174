import type { LabEvent } from "../../shared/events";
import type { SocketSnapshot } from "../../shared/socket-model";
import { translate } from "../i18n";
import type { EventReducer } from "./event-reducers";
import { socketName } from "./to-step";
import type { ConsoleLine } from "./ui-slice";

/** Which auto mode consumed bytes that arrived on `socket`, or null when they wait in the queue for recv(). */
export function consumingMode(socket: SocketSnapshot): "echo" | "reply" | "recv" | null {
  if (socket.auto.echo) return "echo";
  if (socket.auto.reply !== null) return "reply";
  if (socket.auto.recv) return "recv";
  return null;
}

/**
 * Console lines for what the Lab did on its own: bytes an auto mode read and
 * connections auto-accept took. Without them the console would show a
 * recv() that returned nothing while the log shows the bytes arriving.
 */
export const consoleReducer: EventReducer = (events, state) => {
  const added: Omit<ConsoleLine, "id">[] = [];
  const latest = new Map<number, SocketSnapshot>();
  const socketOf = (fd: number) => latest.get(fd) ?? state.sockets.get(fd);
  for (const event of events) {
    if (event.type === "created" || event.type === "state") {
      const line = event.type === "created" ? acceptedLine(event.socket, socketOf, state.language) : null;
      latest.set(event.fd, event.socket);
      if (line) added.push(line);
    } else if (event.type === "data" && event.dir === "in") {
      const socket = socketOf(event.fd);
      const mode = socket ? consumingMode(socket) : null;
      if (mode) added.push(readLine(event, mode, state.language));
    }
  }
  if (added.length === 0) return null;
  return { console: state.appendConsole(added) };
};

type Lang = Parameters<typeof translate>[0];

function readLine(event: Extract<LabEvent, { type: "data" }>, mode: "echo" | "reply" | "recv", language: Lang): Omit<ConsoleLine, "id"> {
  const key = mode === "echo" ? "lab.autoReadEcho" : mode === "reply" ? "lab.autoReadReply" : "lab.autoRead";
  const from = event.src ? `${event.src[0]}:${event.src[1]}` : "";
  return { text: translate(language, key, { name: socketName(event.fd), n: event.len, bytes: `b'${event.preview}'`, from }), lab: true, status: "ok", outcome: "" };
}

function acceptedLine(socket: SocketSnapshot, socketOf: (fd: number) => SocketSnapshot | undefined, language: Lang): Omit<ConsoleLine, "id"> | null {
  if (socket.parent === null) return null;
  const listener = socketOf(socket.parent);
  if (!listener?.auto.accept) return null;
  const peer = socket.remote ? `${socket.remote[0]}:${socket.remote[1]}` : "";
  return { text: translate(language, "lab.autoAccepted", { name: socketName(socket.parent), conn: socketName(socket.fd), peer }), lab: true, status: "ok", outcome: "" };
}
