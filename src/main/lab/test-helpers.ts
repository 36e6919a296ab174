import type { LabEvent } from "../../shared/events";
import type { Lab } from "./lab";

/** Records every event the Lab emits, for assertions on order and content. */
export function recordEvents(lab: Lab): LabEvent[] {
  const events: LabEvent[] = [];
  lab.events.subscribe((e) => events.push(e));
  return events;
}

/** A listener on an ephemeral loopback port, and a client connected to it, accepted. */
export async function connectedPair(lab: Lab, host = "127.0.0.1") {
  const family = host.includes(":") ? "AF_INET6" : "AF_INET";
  const { fd: server } = await lab.call("socket", { family, type: "SOCK_STREAM" });
  await lab.call("bind", { fd: server, address: [host, 0] });
  await lab.call("listen", { fd: server, backlog: 5 });
  const port = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === server)!.local![1];
  const { fd: client } = await lab.call("socket", { family, type: "SOCK_STREAM" });
  await lab.call("connect", { fd: client, address: [host, port] });
  const accepted = await lab.call("accept", { fd: server });
  return { server, client, conn: accepted.fd, port, peer: accepted.address };
}

/** The error a Lab call rejected with (fails the test if it succeeded). */
export async function errorOf(promise: Promise<unknown>): Promise<{ type: string; errno: string | null }> {
  try {
    await promise;
  } catch (err) {
    const info = (err as { info?: { type: string; errno: string | null } }).info;
    if (info) return { type: info.type, errno: info.errno };
    throw err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
