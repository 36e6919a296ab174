import { afterEach, describe, expect, it } from "vitest";
import { Lab } from "./lab";
import { connectedPair } from "./test-helpers";

let lab: Lab;
afterEach(() => lab?.closeAll());

const text = (hex: { hex: string }) => Buffer.from(hex.hex, "hex").toString();

describe("interrupt (Ctrl+C) ends blocked calls as Python's KeyboardInterrupt does", () => {
  it("a blocked recv ends with KeyboardInterrupt, takes nothing, and the socket keeps working", async () => {
    lab = new Lab();
    const { client, conn } = await connectedPair(lab);
    const blocked = lab.call("recv", { fd: conn, bufsize: 64 });
    expect(await lab.call("interrupt", { fd: conn })).toEqual({ interrupted: 1 });
    await expect(blocked).rejects.toMatchObject({ info: { type: "KeyboardInterrupt", errno: null } });
    expect((await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)?.blocked).toBeNull();
    await lab.call("sendall", { fd: client, data: "late" });
    expect(text(await lab.call("recv", { fd: conn, bufsize: 64 }))).toBe("late");
    // Nothing blocked: nothing to interrupt.
    expect(await lab.call("interrupt", { fd: conn })).toEqual({ interrupted: 0 });
  });

  it("ends accept() and a poll() that watches the socket, and leaves a poll on other sockets alone", async () => {
    lab = new Lab();
    const { client, conn, server } = await connectedPair(lab);
    const accepting = lab.call("accept", { fd: server });
    const watching = lab.call("poll", { fds: [[server, 1]], timeout: null });
    const elsewhere = lab.call("poll", { fds: [[conn, 1]], timeout: null });
    expect(await lab.call("interrupt", { fd: server })).toEqual({ interrupted: 2 });
    await expect(accepting).rejects.toMatchObject({ info: { type: "KeyboardInterrupt" } });
    await expect(watching).rejects.toMatchObject({ info: { type: "KeyboardInterrupt" } });
    await lab.call("send", { fd: client, data: "x" });
    expect(await elsewhere).toEqual([[conn, 1]]);
  });

  it("an interrupted connect keeps connecting, and the next connect reports how it went (as after EINTR on Linux)", async () => {
    lab = new Lab();
    const { fd: listener } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: listener, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: listener, backlog: 1 });
    const address = await lab.call("getsockname", { fd: listener });
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    const connecting = lab.call("connect", { fd, address });
    // Interrupt before the handshake's answer is seen: the call ends, the connection goes on.
    await lab.call("interrupt", { fd });
    const outcome = await connecting.then(
      () => "connected",
      (err: { info: { type: string } }) => err.info.type,
    );
    if (outcome === "KeyboardInterrupt") expect(await lab.call("connect", { fd, address })).toBeNull();
    else expect(outcome).toBe("connected");
    expect(await lab.call("getpeername", { fd })).toEqual(address);
  });
});
