import { afterEach, describe, expect, it } from "vitest";
import { Lab } from "./lab";
import { connectedPair } from "./test-helpers";

let lab: Lab;
afterEach(() => lab?.closeAll());

describe("kernel_sockets: the host kernel's table around the Lab", () => {
  it("shows the Lab's own sockets with their fds, and after the closing side's close a TIME_WAIT remnant with no fd", async () => {
    lab = new Lab();
    const { server, client, conn, port } = await connectedPair(lab);
    const open = (await lab.call("kernel_sockets", {}))!.rows;
    expect(open.find((r) => r.state === "LISTEN" && r.local[1] === port)?.fd).toBe(server);
    const clientPort = (await lab.call("getsockname", { fd: client }))[1];
    expect(open.find((r) => r.state === "ESTABLISHED" && r.local[1] === clientPort)?.fd).toBe(client);
    expect(open.find((r) => r.state === "ESTABLISHED" && r.local[1] === port)?.fd).toBe(conn);

    // The client closes first (active close): its side of the connection waits in TIME_WAIT once the peer closes too.
    await lab.call("close", { fd: client });
    await lab.call("close", { fd: conn });
    let remnant;
    for (let i = 0; i < 50 && !remnant; i++) {
      remnant = (await lab.call("kernel_sockets", {}))!.rows.find((r) => r.state === "TIME_WAIT" && r.local[1] === clientPort);
      if (!remnant) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(remnant).toMatchObject({ proto: "tcp", fd: null, remote: ["127.0.0.1", port], timer: { kind: "time_wait" } });
    expect(remnant!.timer!.secondsLeft).toBeGreaterThan(50);
    expect(remnant!.timer!.secondsLeft).toBeLessThanOrEqual(60);
  });

  it("lists a bound UDP socket as the kernel does (CLOSE while unconnected)", async () => {
    lab = new Lab();
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
    const [, port] = await lab.call("getsockname", { fd });
    const rows = (await lab.call("kernel_sockets", {}))!.rows.filter((r) => r.proto === "udp" && r.local[1] === port);
    expect(rows).toEqual([expect.objectContaining({ state: "CLOSE", fd, local: ["127.0.0.1", port] })]);
  });
});
