import { describe, expect, it } from "vitest";
import { LESSONS } from "../../../main/lessons";
import { stepSource } from "../../../main/python/steps";
import { stepSchema, type Step } from "../../../shared/scenario";
import { stepPython } from "./python-line";

const step = (raw: unknown): Step => stepSchema.parse(raw);

describe("the player's Python line for a step", () => {
  it("writes each call as the exported program does", () => {
    expect(stepPython(step({ op: "socket", as: "tx", type: "SOCK_DGRAM" }))).toBe("tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
    expect(stepPython(step({ op: "sendto", sock: "tx", data: "Hi there!", address: ["127.255.255.255", "$rx1.port"] }))).toBe(
      "tx.sendto(b'Hi there!', ('127.255.255.255', rx1.getsockname()[1]))",
    );
    expect(stepPython(step({ op: "bind", sock: "rx1", address: ["", 0] }))).toBe("rx1.bind(('', 0))");
    expect(stepPython(step({ op: "accept", sock: "srv", as: "conn" }))).toBe("conn, addr = srv.accept()");
    expect(stepPython(step({ op: "shutdown", sock: "cli", how: 1 }))).toBe("cli.shutdown(socket.SHUT_WR)");
    expect(stepPython(step({ op: "settimeout", sock: "c", seconds: null }))).toBe("c.settimeout(None)");
    expect(stepPython(step({ op: "send", sock: "c", data: "你好" }))).toBe("c.send('你好'.encode())");
    expect(stepPython(step({ op: "send", sock: "c", data: { hex: "00ff" } }))).toBe("c.send(b'\\x00\\xff')");
    expect(stepPython(step({ op: "setsockopt", sock: "c", level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] }))).toBe(
      "c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))",
    );
  });

  it("keeps the address a recvfrom returned when a later step answers it, as the tutorial's receiver does", () => {
    const recvfrom = step({ op: "recvfrom", sock: "rx1", bufsize: 8192 });
    expect(stepPython(recvfrom)).toBe("rx1.recvfrom(8192)");
    expect(stepPython(recvfrom, true)).toBe("data, rx1_from = rx1.recvfrom(8192); (data, rx1_from)");
    expect(stepPython(step({ op: "sendto", sock: "rx1", data: "ACK", address: "$rx1.from" }))).toBe("rx1.sendto(b'ACK', rx1_from)");
  });

  it("writes poll and select with the real select module", () => {
    expect(stepPython(step({ op: "poll", register: [["s2", ["POLLIN", "POLLOUT"]]], timeout: 0 }))).toBe(
      "p = select.poll(); p.register(s2, select.POLLIN | select.POLLOUT); p.poll(0)",
    );
    expect(stepPython(step({ op: "select", r: ["srv"], timeout: null }))).toBe("select.select([srv], [], [])");
  });

  it("agrees with the exporter on every step of every built-in lesson", () => {
    for (const lesson of LESSONS) {
      lesson.scenario.steps.forEach((s, i) => {
        if (s.op === "poll" || s.op === "select" || (s.op === "getsockopt" && s.name === "SO_ERROR")) return;
        const line = stepPython(s).replace(/^\w+ = |^\w+, addr = /, "");
        const exported = s.op === "getsockopt" && s.name === "SO_LINGER" ? line.replace("struct.unpack('ii'", "list(struct.unpack('ii'") : line;
        expect(stepSource(s, i + 1), `${lesson.name} step ${i + 1}`).toContain(`lambda: ${exported}`);
      });
    }
  });
});
