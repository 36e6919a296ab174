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

  // Checked with CPython's select.POLLRDHUP on Linux loopback: 0x2005 after the peer's SHUT_WR with bytes queued, after our SHUT_RD and after the peer's close; 0x201d after a reset and a refused connect; never after our own SHUT_WR.
  it("POLLRDHUP lights when the peer's FIN arrives, even behind queued bytes, and with SHUT_RD or a reset, as tcp_poll() sets it", async () => {
    lab = new Lab();
    const asked = ALL | F.POLLRDHUP;
    const { client, conn } = await connectedPair(lab);
    await lab.call("send", { fd: client, data: "hi" });
    await lab.call("shutdown", { fd: client, how: 1 });
    await expect.poll(() => lab.call("poll", { fds: [[conn, asked]], timeout: 0 })).toEqual([[conn, F.POLLIN | F.POLLRDNORM | F.POLLOUT | F.POLLWRNORM | F.POLLRDHUP]]);
    // Only the registered bits come back: a program that did not ask for POLLRDHUP sees plain POLLIN.
    expect(await lab.call("poll", { fds: [[conn, ALL]], timeout: 0 })).toEqual([[conn, F.POLLIN | F.POLLRDNORM | F.POLLOUT | F.POLLWRNORM]]);
    // Our own SHUT_WR is not a read hang-up.
    expect(await lab.call("poll", { fds: [[client, asked]], timeout: 0 })).toEqual([[client, F.POLLOUT | F.POLLWRNORM]]);

    const second = await connectedPair(lab);
    await lab.call("shutdown", { fd: second.conn, how: 0 });
    expect(await lab.call("poll", { fds: [[second.conn, asked]], timeout: 0 })).toEqual([[second.conn, F.POLLIN | F.POLLRDNORM | F.POLLOUT | F.POLLWRNORM | F.POLLRDHUP]]);
    await lab.call("setsockopt", { fd: second.client, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] });
    await lab.call("close", { fd: second.client });
    await expect
      .poll(async () => ((await lab.call("poll", { fds: [[second.conn, asked]], timeout: 0 }))[0]?.[1] ?? 0) & (F.POLLRDHUP | F.POLLHUP | F.POLLERR))
      .toBe(F.POLLRDHUP | F.POLLHUP | F.POLLERR);
  });
});
