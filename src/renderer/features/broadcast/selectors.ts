import type { NetworkInterfaceInfo, SocketSnapshot } from "../../../shared/socket-model";
import { interfaceKey, type SenderDraft } from "../../store/broadcast-slice";
import type { LabState } from "../../store/store";
import { directedBroadcast, LIMITED_BROADCAST } from "./addresses";

/** The interface a person would pick first: the LAN's, else loopback. */
function defaultInterface(list: readonly NetworkInterfaceInfo[]): NetworkInterfaceInfo | undefined {
  const v4 = list.filter((i) => i.family === "AF_INET");
  return v4.find((i) => !i.internal && i.broadcast !== null) ?? v4.find((i) => i.internal) ?? list[0];
}

export function pickedInterface(state: LabState): NetworkInterfaceInfo | undefined {
  const list = state.interfaces ?? [];
  return list.find((i) => interfaceKey(i) === state.sourceKey) ?? defaultInterface(list);
}

/** The broadcast address of an interface, computed for loopback too (see addresses.ts). */
export function subnetBroadcast(iface: NetworkInterfaceInfo | undefined): string | null {
  if (!iface || iface.family !== "AF_INET") return null;
  return iface.broadcast ?? directedBroadcast(iface.address, iface.netmask);
}

/** The host the sender's form points at, as Python would write it ('<broadcast>' stays itself). */
export function destinationHost(draft: SenderDraft, iface: NetworkInterfaceInfo | undefined): string | null {
  if (draft.mode === "limited") return "<broadcast>";
  if (draft.mode === "subnet") return subnetBroadcast(iface);
  return draft.other.trim() === "" ? null : draft.other.trim();
}

/** The host a datagram to `host` really goes to. */
export function resolvedHost(host: string): string {
  return host === "<broadcast>" ? LIMITED_BROADCAST : host;
}

export function udpSockets(sockets: ReadonlyMap<number, SocketSnapshot>): SocketSnapshot[] {
  return [...sockets.values()].filter((s) => s.type === "SOCK_DGRAM").sort((a, b) => a.fd - b.fd);
}

export function parsePort(text: string): number | null {
  const n = Number(text.trim());
  return /^\d{1,5}$/.test(text.trim()) && n <= 65535 ? n : null;
}

export function parseCount(text: string, max: number): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** µs as a person reads a round trip: 0.312 ms, 12.5 ms, 1.20 s. */
export function formatRtt(us: number): string {
  const ms = us / 1000;
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The broadcast the responders view shows: the one picked, else the latest. */
export function selectedEntry(state: LabState) {
  const { entries } = state.castLog;
  return entries.find((e) => e.id === state.selectedCast) ?? entries.at(-1);
}
