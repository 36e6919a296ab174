import type { LabEvent } from "../../shared/events";
import type { SocketSnapshot } from "../../shared/socket-model";
import { translate } from "../../shared/i18n";
import type { EventReducer } from "./state/lab-state";
import { socketName } from "./to-step";
import type { ConsoleLine } from "./state/ui";

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
  // Lines as they will be, with reads still as runs: the text is made once per line, after the batch.
  const added: (Omit<ConsoleLine, "id"> | { run: Tally; event: DataEvent })[] = [];
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
      if (!mode) continue;
      // Reads in a row on one socket fold into one line, also across batches: a flood is one growing line, not 50,000.
      const last = added.at(-1);
      const previous = last ? ("run" in last ? last.run : last.tally) : state.console.at(-1)?.tally;
      if (previous?.fd === event.fd && previous.mode === mode) {
        const run = { ...previous, count: previous.count + 1, bytes: previous.bytes + event.len };
        if (last) added[added.length - 1] = { run, event: "run" in last ? last.event : event };
        else added.push({ run, event });
      } else {
        added.push({ run: { fd: event.fd, mode, count: 1, bytes: event.len, first: event.src ? `${event.src[0]}:${event.src[1]}` : "" }, event });
      }
    }
  }
  if (added.length === 0) return null;
  return { console: state.appendConsole(added.map((line) => ("run" in line ? readLine(line.event, line.run, state.language) : line))) };
};

type Lang = Parameters<typeof translate>[0];

type Tally = NonNullable<ConsoleLine["tally"]>;
type DataEvent = Extract<LabEvent, { type: "data" }>;

/** The line for a run of reads by an auto mode; a run of one shows its bytes (`event` is then that read). */
function readLine(event: DataEvent, tally: Tally, language: Lang): Omit<ConsoleLine, "id"> {
  const name = socketName(tally.fd);
  const mode = tally.mode;
  const text =
    tally.count === 1
      ? translate(language, mode === "echo" ? "lab.autoReadEcho" : mode === "reply" ? "lab.autoReadReply" : "lab.autoRead", { name, count: event.len, bytes: `b'${event.preview}'`, from: tally.first })
      : translate(language, "lab.autoReadMany", { name, arrivals: tally.count.toLocaleString(language), n: tally.bytes.toLocaleString(language), mode: translate(language, `lab.mode.${mode}`) });
  return { text, lab: true, status: "ok", outcome: "", tally };
}

function acceptedLine(socket: SocketSnapshot, socketOf: (fd: number) => SocketSnapshot | undefined, language: Lang): Omit<ConsoleLine, "id"> | null {
  if (socket.parent === null) return null;
  const listener = socketOf(socket.parent);
  if (!listener?.auto.accept) return null;
  const peer = socket.remote ? `${socket.remote[0]}:${socket.remote[1]}` : "";
  return { text: translate(language, "lab.autoAccepted", { name: socketName(socket.parent), conn: socketName(socket.fd), peer }), lab: true, status: "ok", outcome: "" };
}
