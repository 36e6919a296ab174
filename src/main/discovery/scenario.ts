import type { ScenarioInput } from "../../shared/scenario/schema";
import { llmnrQuery, mdnsBrowse, nbnsQuery, ssdpSearches, WELL_KNOWN, wsdProbe, type ProbeDatagram, type StandardProtocol } from "./probes";

/**
 * A discovery probe as an experiment: the same bytes from an ordinary UDP
 * socket, as scenario steps a class can replay (`socket-lab run`) and export
 * to Python (`socket-lab export-python`). Format v1 has no multicast
 * membership steps, and needs none here: the probe is sent to the group from
 * an ephemeral port, and the answers come back to that port by unicast.
 */

export interface ProbeScenarioOptions {
  /** The address to send from (which picks the interface); "" lets the kernel choose. */
  readonly bind: string;
  /** For LLMNR and NetBIOS: the name to ask for. */
  readonly name: string | null;
  /** For NetBIOS: the subnet broadcast address. */
  readonly broadcast: string | null;
  /** How many answers to read, each within `wait` seconds. */
  readonly answers: number;
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

/** The scenario, or a sentence saying why it cannot be made (a protocol that needs a name or a broadcast address). */
export function probeScenario(protocol: StandardProtocol, o: ProbeScenarioOptions): ScenarioInput | string {
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
      if (!o.name) return "an LLMNR probe asks for a name: give --name";
      datagram = llmnrQuery(o.name)[0]!;
      break;
    case "nbns":
      if (!o.name) return "a NetBIOS probe asks for a name: give --name";
      if (!o.broadcast) return "a NetBIOS probe goes to a subnet broadcast address: give --iface with one";
      datagram = nbnsQuery(o.name, o.broadcast);
      break;
  }
  const reads = Array.from({ length: o.answers }, () => ({ op: "recvfrom" as const, sock: "probe", bufsize: 9000 }));
  return {
    name: `discover-${protocol}`,
    title: WHAT[protocol],
    steps: [
      { op: "socket", as: "probe", type: "SOCK_DGRAM" },
      ...(protocol === "nbns" ? [{ op: "setsockopt" as const, sock: "probe", level: "SOL_SOCKET" as const, name: "SO_BROADCAST" as const, value: 1 }] : []),
      { op: "setsockopt", sock: "probe", level: "IPPROTO_IP", name: "IP_MULTICAST_TTL", value: WELL_KNOWN[protocol].ttl },
      { op: "bind", sock: "probe", address: [o.bind, 0] },
      { op: "sendto", sock: "probe", data: { hex: datagram.bytes.toString("hex") }, address: [datagram.to[0], datagram.to[1]] },
      { op: "settimeout", sock: "probe", seconds: o.wait },
      ...reads,
      { op: "close", sock: "probe" },
    ],
  };
}
