import type { ScenarioInput } from "../../shared/scenario/schema";
import type { NetworkInterfaceInfo } from "../../shared/socket-model";
import { llmnrQuery, mdnsBrowse, nbnsQuery, ssdpSearches, WELL_KNOWN, wsdProbe, type ProbeDatagram, type StandardProtocol } from "./probes";

/**
 * A discovery probe as an experiment: the same bytes from an ordinary UDP
 * socket, then one answer read, as scenario steps a class can replay
 * (`socket-lab run`, the lesson player) and export to Python. Format v1 has
 * no multicast membership steps, and needs none here: the probe is sent to
 * the group from an ephemeral port, and the answers come back to that port
 * by unicast.
 */

export interface ProbeScenarioRequest {
  /** The interface whose IPv4 address the socket binds (which picks the route); null lets the kernel choose. */
  readonly iface: string | null;
  /** For LLMNR and NetBIOS: the name to ask for. */
  readonly name: string | null;
  /** Seconds the scenario waits for the answer. */
  readonly wait: number;
}

const WHAT: Record<StandardProtocol, { en: string; "zh-CN": string }> = {
  mdns: {
    en: "mDNS/DNS-SD: which service types are there? (_services._dns-sd._udp.local PTR, sent from an ephemeral port so answers come back by unicast)",
    "zh-CN": "mDNS/DNS-SD：网络上有哪些服务类型？（从临时端口发送 _services._dns-sd._udp.local PTR 查询，回答以单播返回）",
  },
  ssdp: { en: "SSDP: M-SEARCH for every device (ssdp:all); devices answer by unicast", "zh-CN": "SSDP：用 M-SEARCH 查找所有设备（ssdp:all），设备以单播回答" },
  wsd: { en: "WS-Discovery: a Probe with a fresh MessageID; targets answer ProbeMatches by unicast", "zh-CN": "WS-Discovery：发送带新 MessageID 的 Probe，目标以单播回答 ProbeMatches" },
  llmnr: { en: "LLMNR: who has this name? (A record)", "zh-CN": "LLMNR：谁拥有这个名字？（A 记录）" },
  nbns: { en: "NetBIOS: a broadcast name query; the owner of the name answers by unicast", "zh-CN": "NetBIOS：广播名字查询，名字的拥有者以单播回答" },
};

/**
 * The probe's scenario on this host's interfaces, or a sentence saying why
 * it cannot be made: an interface without IPv4, a protocol that needs a name,
 * NetBIOS without a subnet broadcast address (with no interface named, the
 * first that is up and has one).
 */
export function probeScenario(protocol: StandardProtocol, o: ProbeScenarioRequest, interfaces: readonly NetworkInterfaceInfo[]): ScenarioInput | string {
  const v4 = interfaces.filter((i) => i.family === "AF_INET");
  const iface =
    o.iface !== null ? v4.find((i) => i.name === o.iface) : protocol === "nbns" ? v4.find((i) => !i.internal && i.flags.includes("UP") && i.broadcast !== null) : undefined;
  if (o.iface !== null && !iface) {
    const names = [...new Set(interfaces.map((i) => i.name))].join(", ");
    return interfaces.some((i) => i.name === o.iface) ? `${o.iface} has no IPv4 address` : `no interface named ${o.iface} (here: ${names})`;
  }
  let datagram: ProbeDatagram;
  switch (protocol) {
    case "mdns":
      datagram = mdnsBrowse();
      break;
    case "ssdp":
      datagram = ssdpSearches(1)[0]!;
      break;
    case "wsd":
      datagram = wsdProbe();
      break;
    case "llmnr":
      if (!o.name) return "an LLMNR probe asks for a name";
      datagram = llmnrQuery(o.name)[0]!;
      break;
    case "nbns":
      if (!o.name) return "a NetBIOS probe asks for a name";
      if (!iface?.broadcast) return `a NetBIOS probe goes to a subnet broadcast address, and ${iface ? `${iface.name} has none` : "no interface that is up has one"}`;
      datagram = nbnsQuery(o.name, iface.broadcast);
      break;
  }
  return {
    name: `discover-${protocol}`,
    title: WHAT[protocol],
    steps: [
      { op: "socket", as: "probe", type: "SOCK_DGRAM" },
      ...(protocol === "nbns" ? [{ op: "setsockopt" as const, sock: "probe", level: "SOL_SOCKET" as const, name: "SO_BROADCAST" as const, value: 1 }] : []),
      { op: "setsockopt", sock: "probe", level: "IPPROTO_IP", name: "IP_MULTICAST_TTL", value: WELL_KNOWN[protocol].ttl },
      { op: "bind", sock: "probe", address: [iface?.address ?? "", 0] },
      { op: "sendto", sock: "probe", data: { hex: datagram.bytes.toString("hex") }, address: [datagram.to[0], datagram.to[1]] },
      { op: "settimeout", sock: "probe", seconds: o.wait },
      { op: "recvfrom", sock: "probe", bufsize: 9000 },
      { op: "close", sock: "probe" },
    ],
  };
}
