/**
 * Linux TCP behaviours the portable engine gets wrong (libuv's SO_REUSEADDR
 * on every bind, an unenforced backlog, emulated SHUT_RD, invented states),
 * proved on real kernel sockets and, where it matters, against CPython.
 */
import { afterEach, describe, expect, test } from "vitest";
import { LabError } from "../../../../shared/errors";
import { AF, LEVEL, POLL, SHUT, SO, SOCK } from "./constants";
import { errnoOf } from "./errno";
import { readKernelTable } from "./kernel-table";
import * as k from "./syscalls";
import { eventually, FdScope, listener, python, startConnect, tcpPair, waitFor } from "./test-support";

const scope = new FdScope();
afterEach(() => scope.closeAll());

function thrownErrno(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    return errnoOf(error);
  }
  return null;
}

describe("bind", () => {
  test("a second bind to a port another socket holds is EADDRINUSE (libuv's SO_REUSEADDR would let it through)", () => {
    const l = listener(scope);
    const second = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    expect(thrownErrno(() => k.bind(second, k.sockaddr(AF.AF_INET, "127.0.0.1", l.port)))).toBe("EADDRINUSE");
  });

  test("a bound-but-idle socket holds its port too; the error is the one CPython raises for the same bind", () => {
    const first = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    k.bind(first, k.sockaddr(AF.AF_INET, "127.0.0.1", 0));
    const port = k.getsockname(first)!.port;
    const second = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    let info: unknown = null;
    try {
      k.bind(second, k.sockaddr(AF.AF_INET, "127.0.0.1", port));
    } catch (error) {
      info = error instanceof LabError ? error.info : error;
    }
    // CPython binding while our kernel socket still holds the port.
    const py = python<{ type: string; errno: string; message: string }>(`
import socket, json, errno
s = socket.socket()
try:
    s.bind(("127.0.0.1", ${port})); print(json.dumps(None))
except OSError as e:
    print(json.dumps({"type": type(e).__name__, "errno": errno.errorcode[e.errno], "message": e.strerror}))`);
    expect(py).toEqual({ type: "OSError", errno: "EADDRINUSE", message: "Address already in use" });
    expect(info).toEqual(py);
  });

  /** A connection whose server side closed first, so the listening port is left in TIME_WAIT; resolves with the port. */
  async function portInTimeWait(listenerReuse: boolean): Promise<number> {
    const l = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    if (listenerReuse) k.setsockoptInt(l, LEVEL.SOL_SOCKET, SO.SO_REUSEADDR, 1);
    k.bind(l, k.sockaddr(AF.AF_INET, "127.0.0.1", 0));
    k.listen(l, 1);
    const port = k.getsockname(l)!.port;
    const client = startConnect(scope, AF.AF_INET, "127.0.0.1", port);
    expect(waitFor(l, POLL.POLLIN) & POLL.POLLIN).toBeTruthy();
    const server = scope.track(k.accept(l).fd);
    // The side that closes first keeps TIME_WAIT: here the server, on the listening port.
    scope.close(server);
    expect(waitFor(client, POLL.POLLRDHUP) & POLL.POLLRDHUP).toBeTruthy();
    scope.close(client);
    scope.close(l);
    const row = await eventually(() => readKernelTable({ protos: ["tcp"], ports: new Set([port]) }).find((r) => r.state === "TIME_WAIT" && r.local[1] === port));
    expect(row.timer?.kind).toBe("time_wait");
    expect(row.inode).toBe(0);
    return port;
  }

  function attempts(port: number): string[] {
    return [false, true].map((reuse) => {
      const fd = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
      if (reuse) k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_REUSEADDR, 1);
      const errno = thrownErrno(() => k.bind(fd, k.sockaddr(AF.AF_INET, "127.0.0.1", port)));
      scope.close(fd);
      return errno ?? "bound";
    });
  }

  const pythonAttempts = (port: number) =>
    python<string[]>(`
import socket, json, errno
def attempt(reuse):
    s = socket.socket()
    if reuse: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", ${port})); return "bound"
    except OSError as e:
        return errno.errorcode[e.errno]
    finally:
        s.close()
print(json.dumps([attempt(False), attempt(True)]))`);

  test("a port in TIME_WAIT refuses bind without SO_REUSEADDR and accepts it with, as CPython shows", async () => {
    const port = await portInTimeWait(true);
    expect(attempts(port)).toEqual(["EADDRINUSE", "bound"]);
    expect(pythonAttempts(port)).toEqual(["EADDRINUSE", "bound"]);
  });

  test("Linux needs SO_REUSEADDR on the old socket too: the TIME_WAIT remnant of a listener without it refuses both binds", async () => {
    // inet_bind_conflict: the remnant keeps the closed socket's sk_reuse; both sides must have set it.
    const port = await portInTimeWait(false);
    expect(attempts(port)).toEqual(["EADDRINUSE", "EADDRINUSE"]);
    expect(pythonAttempts(port)).toEqual(["EADDRINUSE", "EADDRINUSE"]);
  });
});

describe("shutdown and the kernel's TCP states", () => {
  test("after shutdown(SHUT_RD) recv gives b'' at once, yet data that arrives later is queued and read, as CPython shows", () => {
    const { client, server } = tcpPair(scope);
    k.shutdown(server, SHUT.SHUT_RD);
    const watch = POLL.POLLIN | POLL.POLLPRI | POLL.POLLRDHUP;
    const r0 = waitFor(server, watch, 0);
    const first = k.recv(server, 100);
    k.send(client, Buffer.from("late"));
    // Nothing waits on it: the queue grows while the socket already reads as EOF.
    const inq = (() => {
      for (let i = 0; i < 100 && k.inq(server) < 4; i++) waitFor(server, 0, 5);
      return k.inq(server);
    })();
    const r1 = waitFor(server, watch, 0);
    const second = k.recv(server, 100);
    const third = k.recv(server, 100);
    const ours = { r0, first: first.toString("hex"), r1, inq, second: second.toString("hex"), third: third.toString("hex") };
    expect(ours).toEqual({ r0: POLL.POLLIN | POLL.POLLRDHUP, first: "", r1: POLL.POLLIN | POLL.POLLRDHUP, inq: 4, second: "6c617465", third: "" });

    const py = python<typeof ours>(`
import socket, json, time, select, struct, fcntl, termios
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
c = socket.create_connection(l.getsockname()); s, _ = l.accept()
s.shutdown(socket.SHUT_RD)
p = select.poll(); p.register(s, select.POLLIN | select.POLLPRI | 0x2000)
r0 = p.poll(0)
first = s.recv(100)
c.send(b"late"); time.sleep(0.05)
r1 = p.poll(0)
inq = struct.unpack("i", fcntl.ioctl(s, termios.FIONREAD, b"\\0\\0\\0\\0"))[0]
second = s.recv(100); third = s.recv(100)
print(json.dumps({"r0": r0[0][1], "first": first.hex(), "r1": r1[0][1], "inq": inq, "second": second.hex(), "third": third.hex()}))`);
    expect(py).toEqual(ours);
  });

  test("SHUT_WR: the closer goes FIN_WAIT2 and the peer CLOSE_WAIT; after the peer's close the closer is CLOSE and the table shows its TIME_WAIT", async () => {
    const { client, server } = tcpPair(scope);
    expect([k.tcpInfo(client).state, k.tcpInfo(server).state]).toEqual(["ESTABLISHED", "ESTABLISHED"]);
    k.shutdown(client, SHUT.SHUT_WR);
    expect(waitFor(server, POLL.POLLRDHUP) & POLL.POLLRDHUP).toBeTruthy();
    await eventually(() => k.tcpInfo(client).state === "FIN_WAIT2");
    expect(k.tcpInfo(server).state).toBe("CLOSE_WAIT");
    // Half-closed, not closed: the peer still sends and the closer still reads.
    k.send(server, Buffer.from("reply"));
    expect(waitFor(client, POLL.POLLIN) & POLL.POLLIN).toBeTruthy();
    expect(k.recv(client, 100).toString()).toBe("reply");

    const clientPort = k.getsockname(client)!.port;
    scope.close(server);
    // An fd that still exists hands its TIME_WAIT to a kernel remnant and itself reads CLOSE.
    await eventually(() => k.tcpInfo(client).state === "CLOSE");
    const row = readKernelTable({ protos: ["tcp"], ports: new Set([clientPort]) }).find((r) => r.local[1] === clientPort);
    expect(row?.state).toBe("TIME_WAIT");
    // TCP_TIMEWAIT_LEN is 60 s; USER_HZ ticks → seconds.
    expect(row?.timer?.secondsLeft).toBeGreaterThan(50);
    expect(row?.timer?.secondsLeft).toBeLessThanOrEqual(60);
  });

  test("POLLRDHUP after the peer's FIN while its bytes are still queued; send after our SHUT_WR is EPIPE", () => {
    const { client, server } = tcpPair(scope);
    k.send(client, Buffer.from("abc"));
    k.shutdown(client, SHUT.SHUT_WR);
    const revents = (() => {
      let r = 0;
      for (let i = 0; i < 100 && !(r & POLL.POLLRDHUP); i++) r = waitFor(server, POLL.POLLIN | POLL.POLLRDNORM | POLL.POLLRDHUP, 20);
      return r;
    })();
    expect(revents).toBe(POLL.POLLIN | POLL.POLLRDNORM | POLL.POLLRDHUP);
    expect(k.inq(server)).toBe(3);
    expect(thrownErrno(() => k.send(client, Buffer.from("x")))).toBe("EPIPE");
    expect(k.recv(server, 10).toString()).toBe("abc");
    expect(k.recv(server, 10)).toHaveLength(0);
  });

  test("a non-blocking connect to a closed port: EINPROGRESS, then POLLERR|POLLHUP and SO_ERROR ECONNREFUSED", () => {
    const l = listener(scope);
    const port = l.port;
    scope.close(l.fd);
    const fd = scope.track(k.socket(AF.AF_INET, SOCK.SOCK_STREAM));
    expect(thrownErrno(() => k.connect(fd, k.sockaddr(AF.AF_INET, "127.0.0.1", port)))).toBe("EINPROGRESS");
    const revents = waitFor(fd, POLL.POLLOUT);
    expect(revents & (POLL.POLLERR | POLL.POLLHUP)).toBe(POLL.POLLERR | POLL.POLLHUP);
    expect(k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_ERROR)).toBe(111);
    expect(k.connectEx(fd, k.sockaddr(AF.AF_INET, "127.0.0.1", port))).not.toBe(0);
  });

  test("IPv6 on ::1: getsockname and getpeername decode the kernel's sockaddr_in6; recv on an empty queue is EAGAIN", () => {
    const { client, server, port } = tcpPair(scope, AF.AF_INET6);
    expect(k.getpeername(client)).toEqual({ family: AF.AF_INET6, host: "::1", port, flowinfo: 0, scopeId: 0 });
    expect(k.getsockname(server)?.host).toBe("::1");
    expect(thrownErrno(() => k.recv(server, 10))).toBe("EAGAIN");
    expect(thrownErrno(() => k.close(-1))).toBe("EBADF");
  });
});
