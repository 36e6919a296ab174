import type { CommandInput, CommandName, CommandResult, Reply } from "../../shared/contract";
import { invalidArgument } from "../../shared/errors";
import type { EventBatch } from "../../shared/events";
import { TOKEN_PARAM, WS_PATH, type WireAck, type WireMessage } from "../../shared/wire";
import type { ConnectionStatus, LabClient } from "./client";

/** Browser mode: the contract over one WebSocket to the host that served this page. */
export function websocketClient(location: Location): LabClient {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? "";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
  const pending = new Map<number, (reply: Reply) => void>();
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = "connecting";
  let nextId = 1;

  const setStatus = (next: ConnectionStatus): void => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };
  const opened = new Promise<boolean>((resolve) => {
    ws.addEventListener("open", () => {
      setStatus("open");
      resolve(true);
    });
    ws.addEventListener("close", () => {
      setStatus("closed");
      resolve(false);
      for (const settle of pending.values()) settle({ ok: false, error: invalidArgument("the connection to the lab closed") });
      pending.clear();
    });
  });
  ws.addEventListener("message", (message: MessageEvent<string>) => {
    const parsed = JSON.parse(message.data) as WireMessage;
    if (parsed.kind === "events") {
      try {
        for (const listener of eventListeners) listener(parsed.batch);
      } finally {
        // Applied (or failed trying): the host may send the next batch. A listener's bug must not stop the stream.
        ws.send(JSON.stringify({ ack: parsed.batch.id } satisfies WireAck));
      }
    } else {
      pending.get(parsed.id)?.(parsed.reply);
      pending.delete(parsed.id);
    }
  });

  return {
    transport: "websocket",
    async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Reply<CommandResult<N>>> {
      if (!(await opened)) return { ok: false, error: invalidArgument("not connected to the lab") };
      const id = nextId++;
      return new Promise((resolve) => {
        // The host answers with the contract's result type for this command.
        pending.set(id, (reply) => resolve(reply as Reply<CommandResult<N>>));
        ws.send(JSON.stringify({ id, name, input }));
      });
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
