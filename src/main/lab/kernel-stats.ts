import { readFileSync } from "node:fs";
import type { KernelUdpStats } from "../../shared/socket-model";

function snmpTable(text: string, prefix: string): Map<string, number> {
  const lines = text.split("\n").filter((line) => line.startsWith(`${prefix}:`));
  const names = lines[0]?.split(/\s+/).slice(1) ?? [];
  const values = lines[1]?.split(/\s+/).slice(1).map(Number) ?? [];
  return new Map(names.map((name, i) => [name, values[i] ?? 0]));
}

function snmp6(text: string): Map<string, number> {
  return new Map(
    text
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((parts): parts is [string, string] => parts.length === 2)
      .map(([name, value]) => [name, Number(value)]),
  );
}

/**
 * The host's UDP counters (/proc/net/snmp, /proc/net/snmp6): RcvbufErrors
 * counts datagrams the kernel dropped because a socket's buffer was full —
 * losses the Lab never saw, to tell apart from the Lab's own drops.
 * Null where the host has no such files (not Linux).
 */
export function kernelUdpStats(): KernelUdpStats | null {
  let v4: Map<string, number>;
  try {
    v4 = snmpTable(readFileSync("/proc/net/snmp", "utf8"), "Udp");
  } catch {
    return null;
  }
  let v6 = new Map<string, number>();
  try {
    v6 = snmp6(readFileSync("/proc/net/snmp6", "utf8"));
  } catch {
    // IPv6 disabled: IPv4 counters alone.
  }
  const sum = (name: string, name6: string) => (v4.get(name) ?? 0) + (v6.get(name6) ?? 0);
  return {
    inDatagrams: sum("InDatagrams", "Udp6InDatagrams"),
    rcvbufErrors: sum("RcvbufErrors", "Udp6RcvbufErrors"),
    inErrors: sum("InErrors", "Udp6InErrors"),
    noPorts: sum("NoPorts", "Udp6NoPorts"),
  };
}
