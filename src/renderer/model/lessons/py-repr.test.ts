import { describe, expect, it } from "vitest";
import { stepSchema, type Step, type TranscriptLine } from "../../../shared/scenario";
import { bytesRepr, lineRepr } from "./py-repr";

const step = (raw: unknown): Step => stepSchema.parse(raw);
const ok = (s: Step, value: unknown): TranscriptLine => ({ step: 1, op: s.op, ok: true, value });
const fail = (s: Step, type: string, errno: string | null): TranscriptLine => ({ step: 1, op: s.op, ok: false, error: { type, errno } });

describe("a step's result as Python shows it", () => {
  it("prints bytes with Python's repr rules", () => {
    expect(bytesRepr(new TextEncoder().encode("Hi there!"))).toBe("b'Hi there!'");
    expect(bytesRepr(new TextEncoder().encode("it's"))).toBe(`b"it's"`);
    expect(bytesRepr(new Uint8Array([0, 10, 92, 255]))).toBe("b'\\x00\\n\\\\\\xff'");
  });

  it("prints values per op", () => {
    const recvfrom = step({ op: "recvfrom", sock: "rx1", bufsize: 8192 });
    expect(lineRepr(recvfrom, ok(recvfrom, [{ hex: "486920746865726521" }, ["127.0.0.1", 5000]]))).toBe("(b'Hi there!', ('127.0.0.1', 5000))");
    const recv = step({ op: "recv", sock: "c", bufsize: 1024 });
    expect(lineRepr(recv, ok(recv, { hex: "" }))).toBe("b''");
    const sendto = step({ op: "sendto", sock: "tx", data: "Hi", address: ["127.0.0.1", 9] });
    expect(lineRepr(sendto, ok(sendto, 9))).toBe("9");
    const bind = step({ op: "bind", sock: "s", address: ["", 0] });
    expect(lineRepr(bind, ok(bind, null))).toBe("None");
    const poll = step({ op: "poll", register: [["s2", ["POLLIN", "POLLOUT"]]], timeout: 0 });
    expect(lineRepr(poll, ok(poll, [["s2", 21]]))).toBe("[(s2.fileno(), 21)]  # s2: POLLIN | POLLOUT | POLLHUP");
    const select = step({ op: "select", r: ["a"], w: ["b"], timeout: 0 });
    expect(lineRepr(select, ok(select, [["a"], [], []]))).toBe("([a], [], [])");
    const connectEx = step({ op: "connect_ex", sock: "c", address: ["127.0.0.1", 9] });
    expect(lineRepr(connectEx, ok(connectEx, "ECONNREFUSED"))).toBe("111  # ECONNREFUSED");
    const accept = step({ op: "accept", sock: "srv", as: "conn" });
    expect(lineRepr(accept, ok(accept, ["conn", ["127.0.0.1", 40000]]))).toBe("(<socket conn>, ('127.0.0.1', 40000))");
  });

  it("prints exceptions as the last line of Python's traceback", () => {
    const sendto = step({ op: "sendto", sock: "tx", data: "Hi", address: ["127.255.255.255", 9] });
    expect(lineRepr(sendto, fail(sendto, "PermissionError", "EACCES"))).toBe("PermissionError: [Errno 13] Permission denied");
    const recv = step({ op: "recv", sock: "c", bufsize: 1 });
    expect(lineRepr(recv, fail(recv, "TimeoutError", null))).toBe("TimeoutError: timed out");
    expect(lineRepr(recv, fail(recv, "BlockingIOError", "EAGAIN"))).toBe("BlockingIOError: [Errno 11] Resource temporarily unavailable");
    expect(lineRepr(recv, fail(recv, "gaierror", "EAI_NONAME"))).toBe("socket.gaierror: [Errno -2] Name or service not known");
    expect(lineRepr(recv, fail(recv, "FramingError", "FRAME_TOO_LARGE"))).toBe("FramingError: FRAME_TOO_LARGE");
  });
});
