import { describe, expect, it } from "vitest";
import { pyCall, pyResult, pyStatement } from "./python";

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
});
