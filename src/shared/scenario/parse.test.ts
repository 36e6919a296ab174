import { describe, expect, it } from "vitest";
import { parseScenario, validateScenario } from "./parse";

/** Verbatim from DESIGN.md, "Scenario format v1". */
const DESIGN_EXAMPLE = `{ "name": "half-close", "title": {"en": "…", "zh-CN": "…"},
  "steps": [
    {"op": "socket", "as": "srv", "type": "SOCK_STREAM"},
    {"op": "bind", "sock": "srv", "address": ["127.0.0.1", 0]},
    {"op": "listen", "sock": "srv", "backlog": 5},
    {"op": "socket", "as": "cli", "type": "SOCK_STREAM"},
    {"op": "connect", "sock": "cli", "address": ["127.0.0.1", "$srv.port"]},
    {"op": "accept", "sock": "srv", "as": "conn"},
    {"op": "sendall", "sock": "cli", "data": "hello"},
    {"op": "shutdown", "sock": "cli", "how": "SHUT_WR"},
    {"op": "recv", "sock": "conn", "bufsize": 1024, "expect": {"value": {"hex": "68656c6c6f"}}},
    {"op": "send", "sock": "cli", "data": "x", "expect": {"error": "EPIPE"}},
    {"op": "poll", "register": [["conn", ["POLLIN", "POLLOUT"]]], "timeout": 100},
    {"op": "sleep", "seconds": 0.05} ] }`;

function problem(steps: unknown[]): string {
  const parsed = validateScenario({ name: "t", steps: [{ op: "socket", as: "s" }, ...steps] });
  if (parsed.ok) throw new Error("expected the scenario to be rejected");
  return parsed.error.message;
}

describe("parseScenario", () => {
  it("accepts the DESIGN.md example verbatim", () => {
    const parsed = parseScenario(DESIGN_EXAMPLE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { steps } = parsed.scenario;
    expect(steps).toHaveLength(12);
    expect(steps[0]).toEqual({ op: "socket", as: "srv", type: "SOCK_STREAM", family: "AF_INET" });
    expect(steps[4]).toEqual({ op: "connect", sock: "cli", address: ["127.0.0.1", "$srv.port"] });
    expect(steps[10]).toEqual({ op: "poll", register: [["conn", ["POLLIN", "POLLOUT"]]], timeout: 100 });
  });

  it("accepts YAML, chosen by extension or by content", () => {
    const yaml = `name: udp
steps:
  - {op: socket, as: u, type: SOCK_DGRAM}
  - op: sendto
    sock: u
    data: {hex: "00FF"}
    address: ["<broadcast>", 9]
  - op: shutdown
    sock: u
    how: 2
    note: {en: Both directions, zh-CN: 两个方向}
`;
    for (const filename of ["x.yaml", "x.yml", undefined]) {
      const parsed = parseScenario(yaml, filename);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.scenario.steps[1]).toEqual({ op: "sendto", sock: "u", data: { hex: "00FF" }, address: ["<broadcast>", 9] });
      expect(parsed.scenario.steps[2]).toMatchObject({ op: "shutdown", how: "SHUT_RDWR" });
    }
  });

  it("fills defaults the way Python does", () => {
    const parsed = validateScenario({
      name: "d",
      steps: [{ op: "socket", as: "s" }, { op: "select", r: ["s"] }, { op: "poll", register: [["s", []]] }],
    });
    expect(parsed.ok && parsed.scenario.steps).toEqual([
      { op: "socket", as: "s", family: "AF_INET", type: "SOCK_STREAM" },
      { op: "select", r: ["s"], w: [], x: [], timeout: null },
      { op: "poll", register: [["s", []]], timeout: null },
    ]);
  });

  it("lower-cases hex inside expected values, so they compare with transcripts", () => {
    const parsed = validateScenario({
      name: "h",
      steps: [{ op: "socket", as: "s" }, { op: "recv", sock: "s", bufsize: 2, expect: { value: { hex: "00FF" } } }],
    });
    expect(parsed.ok && parsed.scenario.steps[1]).toMatchObject({ expect: { value: { hex: "00ff" } } });
  });

  it.each([
    [[{ op: "bind", sock: "s", address: ["127.0.0.1", 70000] }], 'step 2 (bind): address.1: expected a port number from 0 to 65535, or "$name.port"'],
    [[{ op: "bind", sock: "s", address: ["127.0.0.1", "$s.host"] }], "step 2 (bind): address.1: expected a port number"],
    [[{ op: "bind", sock: "s", address: ["$s.port", 1] }], 'step 2 (bind): address.0: a reference in the host position must be "$name.host"'],
    [[{ op: "bind", sock: "s", address: "127.0.0.1:80" }], "step 2 (bind): address: expected an address [host, port]"],
    [[{ op: "bind", sock: "s" }], "step 2 (bind): address: required"],
    [[{ op: "bind", sock: "s", address: "$s.from" }], "step 2 (bind): address: expected an address [host, port]"],
    [[{ op: "sendto", sock: "s", data: "x", address: "$s.port" }], 'step 2 (sendto): address: expected an address [host, port], or "$name.from"'],
    [[{ op: "sendto", sock: "s", data: "x", address: ["h", 70000] }], 'step 2 (sendto): address.1: expected a port number from 0 to 65535, or "$name.port"'],
    [[{ op: "recvfrom", sock: "s", bufsize: 1 }, { op: "sendto", sock: "s", data: "x", address: "$s.from" }], 'step 3 (sendto): address: "$s.from": s is not a SOCK_DGRAM socket'],
    [[{ op: "socket", as: "u", type: "SOCK_DGRAM" }, { op: "sendto", sock: "u", data: "x", address: "$u.from" }], 'step 3 (sendto): address: "$u.from": no earlier recvfrom step on u'],
    [
      [{ op: "socket", as: "u", type: "SOCK_DGRAM", host: "b" }, { op: "recvfrom", host: "b", sock: "u", bufsize: 1 }, { op: "socket", as: "v", type: "SOCK_DGRAM" }, { op: "sendto", sock: "v", data: "x", address: "$u.from" }],
      'step 5 (sendto): address: "$u.from": the address u\'s recvfrom returned is known on host "b" only, and this step runs on "local"',
    ],
    [
      [{ op: "socket", as: "u", type: "SOCK_DGRAM" }, { op: "recvfrom", sock: "u", bufsize: 1 }, { op: "socket", as: "u_from" }, { op: "connect", sock: "u", address: "$u.from" }],
      'step 5 (connect): address: "$u.from": the exported program keeps what u\'s recvfrom returned in data and u_from: rename the socket called u_from',
    ],
    [[{ op: "getsockname", sock: "s", expect: { value: "$ghost.from" } }], 'step 2 (getsockname): expect.value: unknown socket "ghost"'],
    [[{ op: "connect", sock: "ghost", address: ["h", 1] }], 'step 2 (connect): sock: unknown socket "ghost"'],
    [[{ op: "connect", sock: "s", address: ["h", "$later.port"] }, { op: "socket", as: "later" }], 'step 2 (connect): address.1: unknown socket "later"'],
    [[{ op: "frob", sock: "s" }], "step 2 (frob): op: expected one of: socket, bind,"],
    [[{ sock: "s" }], "step 2 (?): op: expected one of:"],
    [[{ op: "close", sock: "s", extra: true }], "step 2 (close): extra: unknown field"],
    [[{ op: "send", sock: "s", data: { hex: "abc" } }], "step 2 (send): data.hex: hex must be pairs of hex digits"],
    [[{ op: "send", sock: "s", data: 5 }], 'step 2 (send): data: expected text or {"hex": "…"}'],
    [[{ op: "socket", as: "print" }], 'step 2 (socket): as: "print" is reserved'],
    [[{ op: "socket", as: "run" }], 'step 2 (socket): as: "run" is reserved'],
    [[{ op: "socket", as: "my-sock" }], "step 2 (socket): as: a socket name must be an identifier"],
    [[{ op: "socket", as: "r", type: "SOCK_RAW" }], "step 2 (socket): type: expected SOCK_STREAM or SOCK_DGRAM"],
    [[{ op: "shutdown", sock: "s", how: 3 }], 'step 2 (shutdown): how: expected "SHUT_RD", "SHUT_WR", "SHUT_RDWR" or 0, 1, 2'],
    [[{ op: "setsockopt", sock: "s", level: "IPPROTO_TCP", name: "SO_REUSEADDR", value: 1 }], "step 2 (setsockopt): name: SO_REUSEADDR is a SOL_SOCKET option, not IPPROTO_TCP"],
    [[{ op: "setsockopt", sock: "s", level: "SOL_SOCKET", name: "SO_LINGER", value: 1 }], "step 2 (setsockopt): value: SO_LINGER takes [onoff, seconds]"],
    [[{ op: "setsockopt", sock: "s", level: "SOL_SOCKET", name: "SO_ERROR", value: 0 }], "step 2 (setsockopt): name: SO_ERROR can only be read"],
    [[{ op: "poll", register: [["s", ["POLLMAYBE"]]] }], "step 2 (poll): register.0.1.0: expected a poll flag: POLLIN,"],
    [[{ op: "recv", sock: "s", bufsize: 1.5 }], "step 2 (recv): bufsize: bufsize must be an integer"],
    [[{ op: "recv", sock: "s", bufsize: 1, flags: ["MSG_NOSIGNAL"] }], "step 2 (recv): flags.0: expected a flag: MSG_OOB, MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL"],
    [[{ op: "send", sock: "s", data: "x", flags: ["MSG_OOB", "MSG_OOB"] }], "step 2 (send): flags: each flag at most once"],
    [[{ op: "recv", sock: "s", bufsize: 1, expect: { value: 1, error: "EPIPE" } }], 'step 2 (recv): expect: expected {"value": …} or {"error": "ERRNO or ExceptionType"}'],
    [[{ op: "settimeout", sock: "s", seconds: -1 }], "step 2 (settimeout): seconds: seconds must not be negative"],
    [[{ op: "recv_frame", sock: "s", framing: { kind: "length-prefix", encoding: "ascii" } }], "step 2 (recv_frame): framing.separator: an ASCII length needs exactly one of separator or width"],
    [[{ op: "sleep", seconds: 1, note: { en: "only English" } }], "step 2 (sleep): note.zh-CN: required"],
  ])("rejects %j naming step and field", (steps, message) => {
    expect(problem(steps)).toContain(message);
  });

  it("names the file and counts further problems", () => {
    const text = JSON.stringify({ name: "x", steps: [{ op: "socket", as: "s", family: "AF_UNIX" }, { op: "recv", sock: "s" }] });
    const parsed = parseScenario(text, "bad.json");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ type: "ValueError", errno: "EINVAL" });
    expect(parsed.error.message).toBe("bad.json: step 1 (socket): family: expected AF_INET or AF_INET6 (and 1 more)");
    expect(parsed.problems).toEqual([
      "bad.json: step 1 (socket): family: expected AF_INET or AF_INET6",
      "bad.json: step 2 (recv): bufsize: required",
    ]);
  });

  it.each([
    ["{", "a.json", /^a\.json: invalid JSON: /],
    ["steps: [", "a.yaml", /^a\.yaml: invalid YAML: /],
    ["name: a\nname: b\nsteps: []", "dup.yml", /^dup\.yml: invalid YAML: .*[Mm]ap keys must be unique/],
    ["[1, 2]", undefined, /^expected a scenario: \{"name": …, "steps": \[…\]\}$/],
    ['{"name": "x", "steps": []}', undefined, /^steps: a scenario needs at least one step$/],
  ])("reports unreadable documents: %j", (text, filename, message) => {
    const parsed = parseScenario(text, filename);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(message);
  });
});
