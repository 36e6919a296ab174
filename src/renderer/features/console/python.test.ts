import { describe, expect, it } from "vitest";
import { osError, SOCKET_TIMEOUT } from "../../../shared/errors";
import { stepPython } from "../../../shared/python-steps";
import { commandStep, pyCall, pyResult, pyStatement } from "./python";
import { pyError } from "../../../shared/python-repr";

describe("Python lines of the console", () => {
  it("writes each call as Python would, with the socket's variable name", () => {
    expect(pyCall({ name: "shutdown", input: { fd: 5, how: 1 } })).toBe("s5.shutdown(socket.SHUT_WR)");
    expect(pyCall({ name: "settimeout", input: { fd: 5, seconds: null } })).toBe("s5.settimeout(None)");
    expect(pyCall({ name: "setblocking", input: { fd: 5, flag: false } })).toBe("s5.setblocking(False)");
    expect(pyCall({ name: "sendto", input: { fd: 8, data: { hex: "0a00" }, address: ["10.0.0.255", 12345] } })).toBe(
      "s8.sendto(b'\\n\\x00', ('10.0.0.255', 12345))",
    );
    expect(pyCall({ name: "setsockopt", input: { fd: 5, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] } })).toBe(
      "s5.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))",
    );
    expect(pyCall({ name: "getsockopt", input: { fd: 5, level: "SOL_SOCKET", name: "SO_LINGER" } })).toBe(
      "struct.unpack('ii', s5.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8))",
    );
    expect(pyCall({ name: "recv", input: { fd: 5, bufsize: 10, flags: ["MSG_PEEK", "MSG_DONTWAIT"] } })).toBe("s5.recv(10, socket.MSG_PEEK | socket.MSG_DONTWAIT)");
    // sendto(data, flags, address): Python takes the flags between the two.
    expect(pyCall({ name: "sendto", input: { fd: 8, data: "x", address: ["127.0.0.1", 9], flags: ["MSG_DONTWAIT"] } })).toBe(
      "s8.sendto(b'x', socket.MSG_DONTWAIT, ('127.0.0.1', 9))",
    );
    expect(pyCall({ name: "auto", input: { fd: 5, recv: true } })).toBeNull();
  });

  it("assigns what a call creates, and echoes results as the REPL would", () => {
    expect(pyStatement({ name: "socket", input: { type: "SOCK_DGRAM" }, result: { fd: 6 } })).toBe("s6 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
    const accepted = { name: "accept", input: { fd: 3 }, result: { fd: 5, address: ["127.0.0.1", 53112] as const } } as const;
    expect(pyStatement(accepted)).toBe("s5, addr = s3.accept()");
    expect(pyResult(accepted)).toBe("# addr = ('127.0.0.1', 53112)");
    expect(pyResult({ name: "recv", input: { fd: 5, bufsize: 1024 }, result: { hex: "" } })).toBe("b''");
    expect(pyResult({ name: "connect_ex", input: { fd: 4, address: ["127.0.0.1", 1] }, result: 111 })).toBe("111  # ECONNREFUSED");
    expect(pyResult({ name: "recvfrom", input: { fd: 3, bufsize: 9 }, result: { data: { hex: "6869" }, address: ["127.0.0.1", 4000] } })).toBe(
      "(b'hi', ('127.0.0.1', 4000))",
    );
    expect(pyResult({ name: "close", input: { fd: 3 }, result: null })).toBe("");
  });

  it("prints bytes, addresses and exceptions as CPython does", () => {
    expect(pyResult({ name: "recv", input: { fd: 5, bufsize: 9 }, result: { hex: "69742773" } })).toBe(`b"it's"`);
    expect(pyResult({ name: "getsockname", input: { fd: 5 }, result: ["::1", 9000] })).toBe("('::1', 9000, 0, 0)");
    expect(pyCall({ name: "send", input: { fd: 5, data: "你好" } })).toBe("s5.send('你好'.encode())");
    expect(pyError(osError("ECONNREFUSED"))).toBe("ConnectionRefusedError: [Errno 111] Connection refused");
    expect(pyError(osError("EINVAL", "bufsize must be at least 0"))).toBe("OSError: [Errno 22] Invalid argument  # bufsize must be at least 0");
    expect(pyError(SOCKET_TIMEOUT)).toBe("TimeoutError: timed out");
    expect(pyError({ type: "gaierror", errno: "EAI_NONAME", message: "Name or service not known: nowhere.invalid" })).toBe(
      "socket.gaierror: [Errno -2] Name or service not known  # nowhere.invalid",
    );
  });

  it("writes a call as the same step the exporter and the lessons write", () => {
    const call = { name: "sendto", input: { fd: 8, data: "hi", address: ["127.0.0.1", 9000] as const } } as const;
    expect(pyCall(call)).toBe(stepPython(commandStep(call)!));
    expect(pyCall(call)).toBe("s8.sendto(b'hi', ('127.0.0.1', 9000))");
  });
});
