import { afterEach, describe, expect, test } from "vitest";
import { AF, POLL } from "./constants";
import { parseKernelTable, readKernelTable, USER_HZ } from "./kernel-table";
import * as k from "./syscalls";
import { FdScope, listener, startConnect, waitFor } from "./test-support";

// Captured from this machine's /proc/net (header and spacing as the kernel prints them).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 1607 1 0000000006e776e4 100 0 0 10 0
   1: 0100007F:EAAC 0100007F:B663 06 00000000:00000000 03:000007EE 00000000     0        0 0 3 000000000074d463
   2: 0100007F:B663 0100007F:EAAC 01 00000040:00000000 01:00000014 00000000     0        0 4242 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:9687 00000000000000000000000001000000:E718 06 00000000:00000000 03:00000188 00000000     0        0 0 3 00000000503d3411
   1: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000000000000000
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  113: 00000000:0044 00000000:0000 07 00000000:00000300 00:00000000 00000000     0        0 9001 2 0000000000000000 12
`;

describe("/proc/net parser", () => {
  test("tcp rows: addresses as memory-order words, queues, the TIME_WAIT timer in USER_HZ ticks", () => {
    const rows = parseKernelTable("tcp", TCP);
    expect(rows).toEqual([
      { proto: "tcp", state: "LISTEN", local: ["0.0.0.0", 2024], remote: ["0.0.0.0", 0], sendQ: 0, recvQ: 2, timer: null, inode: 1607 },
      { proto: "tcp", state: "TIME_WAIT", local: ["127.0.0.1", 60076], remote: ["127.0.0.1", 46691], sendQ: 0, recvQ: 0, timer: { kind: "time_wait", secondsLeft: 0x7ee / 100 }, inode: 0 },
      { proto: "tcp", state: "ESTABLISHED", local: ["127.0.0.1", 46691], remote: ["127.0.0.1", 60076], sendQ: 64, recvQ: 0, timer: { kind: "retransmit", secondsLeft: 0.2 }, inode: 4242 },
    ]);
  });

  test("tcp6 rows: four host-order words; IPv4-mapped addresses print dotted", () => {
    const rows = parseKernelTable("tcp6", TCP6);
    expect(rows.map((r) => [r.state, r.local, r.remote, r.timer?.secondsLeft ?? null])).toEqual([
      ["TIME_WAIT", ["::1", 0x9687], ["::1", 0xe718], 0x188 / 100],
      ["LISTEN", ["::ffff:127.0.0.1", 80], ["::", 0], null],
    ]);
  });

  test("udp rows: an unbound-peer socket is CLOSE; rx_queue is queued datagram memory", () => {
    expect(parseKernelTable("udp", UDP)).toEqual([{ proto: "udp", state: "CLOSE", local: ["0.0.0.0", 68], remote: ["0.0.0.0", 0], sendQ: 0, recvQ: 0x300, timer: null, inode: 9001 }]);
  });

  test("USER_HZ is 100: the clock tick the kernel ABI fixes (getconf CLK_TCK)", async () => {
    const { execFileSync } = await import("node:child_process");
    expect(Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim())).toBe(USER_HZ);
  });
});

describe("reading the live table", () => {
  const scope = new FdScope();
  afterEach(() => scope.closeAll());

  test("a listener's row shows its accept queue and the inode of its fd", () => {
    const l = listener(scope, AF.AF_INET, 3);
    const c = startConnect(scope, AF.AF_INET, l.host, l.port);
    expect(waitFor(c, POLL.POLLOUT) & POLL.POLLOUT).toBeTruthy();
    const rows = readKernelTable({ protos: ["tcp"], ports: new Set([l.port]) });
    const listening = rows.find((r) => r.state === "LISTEN");
    // /proc prints tx_queue 0 for a listener (unlike ss, which reads the backlog over inet_diag): tcp_info's sacked has it.
    expect(listening).toMatchObject({ local: ["127.0.0.1", l.port], recvQ: 1, sendQ: 0 });
    expect(k.tcpInfo(l.fd).sacked).toBe(3);
    expect(listening?.inode).toBeGreaterThan(0);
    // Both ends of the loopback connection are rows too, filtered by the same port.
    expect(rows.filter((r) => r.state === "ESTABLISHED")).toHaveLength(2);
    expect(readKernelTable({ protos: ["tcp"], ports: new Set([k.getsockname(c)!.port]) }).every((r) => r.state === "ESTABLISHED")).toBe(true);
  });
});
