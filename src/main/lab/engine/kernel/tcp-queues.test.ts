/**
 * The kernel's queues as the kernel reports them: listen's backlog really
 * refuses the connection past it, SIOCINQ counts bytes that stay queued,
 * SO_RCVBUF is doubled, urgent data raises POLLPRI. The portable engine can
 * only model these; here they are read back from real sockets.
 */
import { afterEach, describe, expect, test } from "vitest";
import { AF, LEVEL, MSG, POLL, SO, SOCK, tcpStateName } from "./constants";
import * as k from "./syscalls";
import { FdScope, listener, python, startConnect, tcpPair, waitFor } from "./test-support";

const scope = new FdScope();
afterEach(() => scope.closeAll());

describe("listen backlog", () => {
  test("listen(1) with 3 non-blocking clients: the third stays SYN_SENT, as CPython on this kernel reports", () => {
    const l = listener(scope, AF.AF_INET, 1);
    const clients = [0, 1, 2].map(() => {
      const fd = startConnect(scope, AF.AF_INET, l.host, l.port);
      // Loopback completes an accepted handshake at once; 50 ms is the bound for the others.
      waitFor(fd, POLL.POLLOUT, 50);
      return fd;
    });
    const states = clients.map((fd) => k.tcpInfo(fd).state);
    const revents = clients.map((fd) => waitFor(fd, POLL.POLLOUT, 0));
    const info = k.tcpInfo(l.fd);

    // Linux's accept queue takes backlog + 1 (sk_acceptq_is_full is ">"); the next SYN is dropped, and retried by the client later.
    expect(states).toEqual(["ESTABLISHED", "ESTABLISHED", "SYN_SENT"]);
    expect(revents.map((r) => (r & POLL.POLLOUT) !== 0)).toEqual([true, true, false]);
    // On a listener, tcpi_unacked is the accept queue's length and tcpi_sacked the backlog.
    expect([info.unacked, info.sacked]).toEqual([2, 1]);

    const py = python<{ states: number[]; queue: [number, number] }>(`
import socket, json, time, struct
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1); port = l.getsockname()[1]
cs = []
for i in range(3):
    c = socket.socket(); c.setblocking(False); c.connect_ex(("127.0.0.1", port)); cs.append(c); time.sleep(0.05)
info = lambda s: s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
print(json.dumps({"states": [info(c)[0] for c in cs], "queue": list(struct.unpack_from("II", info(l), 24))}))`);
    expect(py.states.map(tcpStateName)).toEqual(states);
    expect(py.queue).toEqual([info.unacked, info.sacked]);

    // Accepting takes one off the kernel's queue.
    scope.track(k.accept(l.fd).fd);
    expect(k.tcpInfo(l.fd).unacked).toBe(1);
  });
});

describe("queues", () => {
  test("SIOCINQ counts bytes while they stay queued; MSG_PEEK leaves them; recv takes them", () => {
    const { client, server } = tcpPair(scope);
    expect(k.send(client, Buffer.alloc(100, 0x61))).toBe(100);
    expect(waitFor(server, POLL.POLLIN) & POLL.POLLIN).toBeTruthy();
    expect(k.inq(server)).toBe(100);
    expect(k.recv(server, 10, MSG.MSG_PEEK).toString()).toBe("a".repeat(10));
    expect(k.inq(server)).toBe(100);
    expect(k.recv(server, 40)).toHaveLength(40);
    expect(k.inq(server)).toBe(60);
    // The sender's SIOCOUTQ is bytes not yet acknowledged: loopback acks at once.
    expect(k.outq(client)).toBe(0);
  });

  test("SO_RCVBUF set to 4096 reads back 8192: the kernel doubles it for its bookkeeping, as CPython shows", () => {
    const fd = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_RCVBUF, 4096);
    const value = k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_RCVBUF);
    expect(value).toBe(8192);
    expect(python<number>(`
import socket, json
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
print(json.dumps(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)))`)).toBe(value);
  });

  test("urgent data (MSG_OOB) makes POLLPRI on the receiver and is read with MSG_OOB", () => {
    const { client, server } = tcpPair(scope);
    expect(waitFor(server, POLL.POLLPRI, 0) & POLL.POLLPRI).toBe(0);
    expect(k.send(client, Buffer.from("!"), MSG.MSG_OOB)).toBe(1);
    const revents = waitFor(server, POLL.POLLPRI | POLL.POLLIN);
    expect(revents & POLL.POLLPRI).toBe(POLL.POLLPRI);
    expect(k.recv(server, 1, MSG.MSG_OOB).toString()).toBe("!");
    expect(waitFor(server, POLL.POLLPRI, 0) & POLL.POLLPRI).toBe(0);
  });

  test("linger and keepalive options round-trip through the kernel", () => {
    const fd = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    k.setLinger(fd, { onoff: true, seconds: 3 });
    expect(k.getLinger(fd)).toEqual({ onoff: true, seconds: 3 });
    expect(k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_KEEPALIVE)).toBe(0);
    k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_KEEPALIVE, 1);
    expect(k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_KEEPALIVE)).toBe(1);
    expect(k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_TYPE)).toBe(SOCK.SOCK_STREAM);
  });
});
