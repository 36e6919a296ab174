import { afterEach, describe, expect, it } from "vitest";
import { POLL_FLAGS as F } from "../../shared/poll-flags";
import { Lab } from "./lab";
import { connectedPair, recordEvents } from "./test-helpers";

let lab: Lab;
afterEach(() => lab?.closeAll());

const ALL = 0x3ff;

describe("readiness on real sockets", () => {
  it("poll() reports Linux's revents for a fresh socket, an idle connection and queued data", async () => {
    lab = new Lab();
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect(await lab.call("poll", { fds: [[fd, ALL]], timeout: 0 })).toEqual([[fd, F.POLLOUT | F.POLLWRNORM | F.POLLHUP]]);
    const { client, conn } = await connectedPair(lab);
    expect(await lab.call("poll", { fds: [[conn, ALL]], timeout: 0 })).toEqual([[conn, F.POLLOUT | F.POLLWRNORM]]);
    // A blocking poll wakes when data arrives.
    const waiting = lab.call("poll", { fds: [[conn, F.POLLIN]], timeout: 5000 });
    await lab.call("send", { fd: client, data: "x" });
    expect(await waiting).toEqual([[conn, F.POLLIN]]);
    expect(await lab.call("poll", { fds: [[99, F.POLLIN]], timeout: 0 })).toEqual([[99, F.POLLNVAL]]);
  });

  it("poll(timeout) with nothing ready returns an empty list after the timeout", async () => {
    lab = new Lab();
    const { conn } = await connectedPair(lab);
    expect(await lab.call("poll", { fds: [[conn, F.POLLIN]], timeout: 30 })).toEqual([]);
  });

  it("select() sorts fds into readable, writable and exceptional", async () => {
    lab = new Lab();
    const { client, conn, server } = await connectedPair(lab);
    await lab.call("send", { fd: client, data: "x" });
    await expect.poll(() => lab.call("select", { r: [server, conn], w: [client], x: [conn], timeout: 0 })).toEqual([[conn], [client], []]);
  });

  it("a watcher pushes each change: POLLIN lights on data, goes dark when read, POLLHUP when both directions close", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    const { watcher } = await lab.call("watch", { fds: [[conn, F.POLLIN | F.POLLOUT]] });
    const changes = () => events.flatMap((e) => (e.type === "readiness" && e.watcher === watcher ? [e.revents] : []));
    await lab.call("send", { fd: client, data: "hello" });
    await expect.poll(changes).toEqual([F.POLLOUT, F.POLLOUT | F.POLLIN]);
    await lab.call("recv", { fd: conn, bufsize: 10 });
    expect(changes().at(-1)).toBe(F.POLLOUT);
    await lab.call("shutdown", { fd: client, how: 1 });
    await expect.poll(() => changes().at(-1)).toBe(F.POLLOUT | F.POLLIN);
    await lab.call("shutdown", { fd: conn, how: 1 });
    expect(changes().at(-1)).toBe(F.POLLOUT | F.POLLIN | F.POLLHUP);
    await lab.call("close", { fd: conn });
    expect(changes().at(-1)).toBe(F.POLLNVAL);
    await lab.call("unwatch", { watcher });
  });
});
