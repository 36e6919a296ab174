import { createSocket } from "node:dgram";
import { describe, expect, it } from "vitest";
import { validateScenario, type Scenario } from "../../shared/scenario";
import { exportPython } from "./export";
import { hostPart, partHosts } from "./per-host";
import { runPython } from "./run-python";
import { udpBound, until } from "../../../test/lan/netns";

function scenario(raw: unknown): Scenario {
  const parsed = validateScenario(raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

/**
 * Two hosts on one machine's loopback, each socket bound to a port given
 * here, so each program knows the other's address; with `answer: "from"` b
 * answers at the address its recvfrom returned (the sender may be on port 0).
 */
function pingPong(receiverPort: number, senderPort: number, answer: "bound" | "from" = "bound"): Scenario {
  return scenario({
    name: "ping-pong",
    title: { en: "A datagram from local to b, and b's answer", "zh-CN": "本机发给 b 的数据报，以及 b 的回复" },
    steps: [
      { op: "socket", host: "b", as: "r", type: "SOCK_DGRAM" },
      { op: "bind", host: "b", sock: "r", address: ["127.0.0.1", receiverPort] },
      { op: "settimeout", host: "b", sock: "r", seconds: 10 },
      { op: "socket", as: "s", type: "SOCK_DGRAM" },
      { op: "bind", sock: "s", address: ["127.0.0.1", senderPort] },
      { op: "sendto", sock: "s", data: "ping", address: ["$r.host", "$r.port"] },
      { op: "recvfrom", host: "b", sock: "r", bufsize: 1024 },
      { op: "sendto", host: "b", sock: "r", data: "pong", address: answer === "from" ? "$r.from" : ["$s.host", "$s.port"] },
      { op: "settimeout", sock: "s", seconds: 10 },
      { op: "recvfrom", sock: "s", bufsize: 1024 },
    ],
  });
}

/** Two UDP ports free on loopback right now (the kernel's choice, released again for the programs to bind). */
async function freePorts(): Promise<[number, number]> {
  const take = () =>
    new Promise<number>((resolve) => {
      const socket = createSocket("udp4");
      socket.bind(0, "127.0.0.1", () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
    });
  const first = await take();
  let second = await take();
  while (second === first) second = await take();
  return [first, second];
}

describe("export-python, one program per host", () => {
  it("lists a scenario's hosts local first, and writes each host only its own steps under their numbers in the whole scenario", () => {
    const s = pingPong(40001, 40002);
    expect(partHosts(s.steps)).toEqual(["local", "b"]);
    const b = hostPart(s, "b");
    expect(b.numbers).toEqual([1, 2, 3, 7, 8]);
    expect(b.steps.every((step) => !("host" in step))).toBe(true);
    // s is local's socket: its address is written as it is bound, which b's program cannot look up.
    expect(b.steps[4]).toMatchObject({ op: "sendto", address: ["127.0.0.1", 40002] });
    // r is b's own: it stays a reference to the socket b's program holds.
    expect(hostPart(s, "local").steps[2]).toMatchObject({ op: "sendto", address: ["127.0.0.1", 40001] });
    const program = exportPython(s, { host: "b" });
    expect(program).toContain("# Step 7\nprint(r.recvfrom(1024))");
    expect(program).toContain("# Step 8\nprint(r.sendto(b'pong', ('127.0.0.1', 40002)))");
    expect(program).not.toContain("# Step 6");
    expect(program).toContain("start in this order,\neach within the others' timeouts: b, then local.");
    expect(program).toContain("step 7 (b: recvfrom) comes after step 6 (local: sendto): it waits for it over the network");
    expect(program).toContain("step 4 (local: socket) comes after step 3 (b: settimeout): kept only by the order the programs start in");
  });

  it("refuses, naming the step and the fix, an address only the other host's kernel knows", () => {
    const s = scenario({
      name: "port-zero",
      steps: [
        { op: "socket", host: "b", as: "r", type: "SOCK_DGRAM" },
        { op: "bind", host: "b", sock: "r", address: ["", 12345] },
        { op: "socket", as: "s", type: "SOCK_DGRAM" },
        { op: "bind", sock: "s", address: ["10.213.7.1", 0] },
        { op: "sendto", sock: "s", data: "hi", address: ["10.213.7.255", "$r.port"] },
        { op: "sendto", host: "b", sock: "r", data: "ack", address: ["$s.host", "$s.port"] },
      ],
    });
    // $r.port is fixed (12345) and $s.host is named (10.213.7.1): only $s.port is the kernel's pick.
    expect(hostPart(s, "local").steps[2]).toMatchObject({ address: ["10.213.7.255", 12345] });
    expect(() => hostPart(s, "b")).toThrow(
      'step 6 (host b) uses "$s.port", but s is a socket of host local and is bound to port 0, a port its kernel picks, which the program for b cannot know: bind it to a fixed port to export one program per host',
    );
    // Once r has read the datagram, the fix names the address it came from.
    const heard = scenario({ name: "heard", steps: [...s.steps.slice(0, 5), { op: "recvfrom", host: "b", sock: "r", bufsize: 9 }, s.steps[5]!] });
    expect(() => hostPart(heard, "b")).toThrow(/bind it to a fixed port, or answer what r received at "\$r\.from" to export one program per host/);
    const wildcard = scenario({ name: "w", steps: [{ op: "socket", host: "b", as: "r" }, { op: "bind", host: "b", sock: "r", address: ["", 9] }, { op: "socket", as: "s" }, { op: "connect", sock: "s", address: ["$r.host", 9] }] });
    expect(() => hostPart(wildcard, "local")).toThrow(/"\$r\.host", but r is a socket of host b and is bound to "", an address its kernel picks per packet.*bind it to its own address/);
    const unbound = scenario({ name: "u", steps: [{ op: "socket", host: "b", as: "r" }, { op: "socket", as: "s" }, { op: "connect", sock: "s", address: ["127.0.0.1", "$r.port"] }] });
    expect(() => hostPart(unbound, "local")).toThrow(/r is a socket of host b and is not bound by a bind step before it/);
  });

  it("asks for a host, refuses the transcript style and an unknown host, each with a typed error", () => {
    const s = pingPong(40001, 40002);
    expect(() => exportPython(s)).toThrow("this scenario runs on 2 hosts (local, b): export one program per host, naming the host");
    expect(() => exportPython(s, { host: "b", style: "transcript" })).toThrow(/transcript program checks one Lab's transcript/);
    expect(() => exportPython(s, { host: "c" })).toThrow('no step of this scenario runs on host "c" (its hosts: local, b)');
  });

  it("the two programs, started in the note's order on one machine, exchange the datagrams and print what Python prints", async () => {
    const [receiverPort, senderPort] = await freePorts();
    const s = pingPong(receiverPort, senderPort);
    const b = runPython(exportPython(s, { host: "b" }), 20_000);
    // The note says b starts first: local's datagram must find b's socket bound.
    await until(() => udpBound(null, receiverPort), "b's program bound to its port");
    const local = await runPython(exportPython(s, { host: "local" }), 20_000);
    expect(await b).toEqual({ status: 0, stderr: "", stdout: `(b'ping', ('127.0.0.1', ${senderPort}))\n4\n` });
    expect(local).toEqual({ status: 0, stderr: "", stdout: `4\n(b'pong', ('127.0.0.1', ${receiverPort}))\n` });
  }, 30_000);

  it("b answers at the address its recvfrom returned: the sender binds port 0, and b's program keeps the address as the tutorial does", async () => {
    const [receiverPort] = await freePorts();
    const s = pingPong(receiverPort, 0, "from");
    const program = exportPython(s, { host: "b" });
    expect(program).toContain("# Step 7\ndata, r_from = r.recvfrom(1024)\nprint((data, r_from))");
    expect(program).toContain("# Step 8\nprint(r.sendto(b'pong', r_from))");
    const b = runPython(program, 20_000);
    await until(() => udpBound(null, receiverPort), "b's program bound to its port");
    const local = await runPython(exportPython(s, { host: "local" }), 20_000);
    const heard = await b;
    expect(heard).toMatchObject({ status: 0, stderr: "" });
    const senderPort = Number(/^\(b'ping', \('127\.0\.0\.1', (\d+)\)\)\n4\n$/.exec(heard.stdout)?.[1]);
    expect(senderPort).toBeGreaterThan(0);
    expect(local).toEqual({ status: 0, stderr: "", stdout: `4\n(b'pong', ('127.0.0.1', ${receiverPort}))\n` });
  }, 30_000);
});
