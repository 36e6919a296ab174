import type { NetworkInterfaceInfo, SocketSnapshot } from "../../../shared/socket-model";
import { interfaceKey } from "../../store/broadcast-slice";
import type { SenderDraft } from "../../store/state/broadcast";
import type { LabState } from "../../store/state/lab-state";
import { directedBroadcast } from "../../model/broadcast/addresses";

const isLoopback = (host: string) => host.startsWith("127.") || host === "::1";

/**
 * The interface the work in hand needs, until a person picks one: loopback
 * in a lesson (they run on 127.0.0.1) or when the open sockets use loopback;
 * the interface of a socket bound to a LAN address; else the LAN's, then
 * loopback.
 */
export function defaultInterface(list: readonly NetworkInterfaceInfo[], context: { lesson: boolean; sockets: Iterable<SocketSnapshot> } = { lesson: false, sockets: [] }): NetworkInterfaceInfo | undefined {
  const v4 = list.filter((i) => i.family === "AF_INET");
  const loopback = v4.find((i) => i.internal);
  const hosts = [...context.sockets].flatMap((s) => [s.local?.[0], s.remote?.[0]]).filter((h): h is string => h !== undefined && h !== "0.0.0.0" && h !== "" && h !== "::");
  const lan = hosts.map((h) => v4.find((i) => !i.internal && i.address === h)).find((i) => i !== undefined);
  if (lan) return lan;
  if (loopback && (context.lesson || hosts.some(isLoopback))) return loopback;
  return v4.find((i) => !i.internal && i.broadcast !== null) ?? loopback ?? list[0];
}

export function pickedInterface(state: LabState): NetworkInterfaceInfo | undefined {
  const list = state.interfaces ?? [];
  return list.find((i) => interfaceKey(i) === state.sourceKey) ?? defaultInterface(list, { lesson: state.playing !== null, sockets: state.sockets.values() });
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
