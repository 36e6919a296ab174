import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import * as dnsPacket from "dns-packet";

/**
 * A discoverable device on loopback only, for the Discovery view's spec: it
 * answers mDNS's DNS-SD browse (PTR, with SRV, TXT and A as additional
 * records, RFC 6763 §12) and SSDP's M-SEARCH by unicast, and after its good
 * mDNS answer sends a truncated one, which must show as undecodable. A
 * second device on 127.0.0.2 answers SSDP alone.
 *
 * It listens on the well-known ports beside the Lab (SO_REUSEADDR), joined
 * on 127.0.0.1 only, and answers nothing but 127.0.0.1: whatever it hears
 * from elsewhere, it never sends off this machine.
 */

export const PEER = {
  instance: "Lab Printer",
  type: "_ipp._tcp.local",
  host: "labprinter.local",
  port: 631,
  usn: "uuid:5eed0000-0000-4000-8000-00000000c0de::upnp:rootdevice",
  server: "Linux/6 UPnP/1.1 SocketLabPeer/1",
} as const;

/** A second device, on 127.0.0.2, that answers SSDP only. */
export const PEER2 = { address: "127.0.0.2", usn: "uuid:5eed0000-0000-4000-8000-0000000000b2::upnp:rootdevice" } as const;

/** With `camera`, a WS-Discovery target on 127.0.0.3 (an ONVIF camera) answers Probe by unicast, RelatesTo its MessageID. */
export const CAMERA = { address: "127.0.0.3", endpoint: "urn:uuid:5eed0000-0000-4000-8000-0000000ca3e7" } as const;

export interface DiscoveryPeer {
  readonly heard: () => readonly string[];
  stop(): Promise<void>;
}

function open(port: number, group: string, onMessage: (msg: Buffer, from: RemoteInfo, sock: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = createSocket({ type: "udp4", reuseAddr: true });
    sock.once("error", reject);
    sock.on("message", (msg, from) => {
      if (from.address === "127.0.0.1") onMessage(msg, from, sock);
    });
    sock.bind(port, () => {
      sock.addMembership(group, "127.0.0.1");
      resolve(sock);
    });
  });
}

function probeMatches(relatesTo: string, port: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><s:Header><a:MessageID>urn:uuid:11111111-2222-4333-8444-000000000001</a:MessageID><a:RelatesTo>${relatesTo}</a:RelatesTo><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action></s:Header><s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>${CAMERA.endpoint}</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/Lab%20Camera</d:Scopes><d:XAddrs>http://${CAMERA.address}:${port}/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;
}

export async function startDiscoveryPeer(locationPort: number, options: { camera?: boolean } = {}): Promise<DiscoveryPeer> {
  const heard: string[] = [];
  const fqdn = `${PEER.instance}.${PEER.type}`;
  const mdns = await open(5353, "224.0.0.251", (msg, from, sock) => {
    if (from.port === 5353) return;
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    if (query.type !== "query") return;
    heard.push(`mdns ${query.questions?.map((q) => `${q.name} ${q.type}`).join(", ")}`);
    if (!query.questions?.some((q) => q.name === "_services._dns-sd._udp.local" && q.type === "PTR")) return;
    const answer = dnsPacket.encode({
      type: "response",
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER,
      questions: query.questions,
      answers: [{ name: "_services._dns-sd._udp.local", type: "PTR", ttl: 4500, data: PEER.type }],
      additionals: [
        { name: PEER.type, type: "PTR", ttl: 4500, data: fqdn },
        { name: fqdn, type: "SRV", ttl: 120, flush: true, data: { priority: 0, weight: 0, port: PEER.port, target: PEER.host } },
        { name: fqdn, type: "TXT", ttl: 4500, flush: true, data: ["rp=ipp/print", "ty=Lab Printer"] },
        { name: PEER.host, type: "A", ttl: 120, flush: true, data: "127.0.0.1" },
      ],
    });
    sock.send(answer, from.port, from.address);
    // The same answer cut short: its records run past the end.
    setTimeout(() => sock.send(answer.subarray(0, 40), from.port, from.address), 30);
  });
  const other = createSocket("udp4");
  await new Promise<void>((resolve) => other.bind(0, PEER2.address, resolve));
  const ssdp = await open(1900, "239.255.255.250", (msg, from, sock) => {
    const text = msg.toString("latin1");
    if (!text.startsWith("M-SEARCH")) return;
    const st = /^ST:\s*(.*)$/im.exec(text)?.[1]?.trim() ?? "ssdp:all";
    heard.push(`ssdp ${st}`);
    const reply = [
      "HTTP/1.1 200 OK",
      "CACHE-CONTROL: max-age=1800",
      "EXT:",
      `LOCATION: http://127.0.0.1:${locationPort}/device.xml`,
      `SERVER: ${PEER.server}`,
      `ST: ${st === "ssdp:all" ? "upnp:rootdevice" : st}`,
      `USN: ${PEER.usn}`,
      "",
      "",
    ].join("\r\n");
    sock.send(Buffer.from(reply, "latin1"), from.port, from.address);
    const second = reply.replace(PEER.usn, PEER2.usn).replace(`http://127.0.0.1:${locationPort}`, `http://${PEER2.address}:${locationPort}`);
    other.send(Buffer.from(second, "latin1"), from.port, from.address);
  });
  const extra: Socket[] = [];
  if (options.camera) {
    const camera = createSocket("udp4");
    await new Promise<void>((resolve) => camera.bind(0, CAMERA.address, resolve));
    extra.push(camera);
    extra.push(
      await open(3702, "239.255.255.250", (msg, from) => {
        const text = msg.toString("utf8");
        if (!/<(\w+:)?Probe[\s/>]/.test(text)) return;
        const messageId = /<(?:\w+:)?MessageID>([^<]+)</.exec(text)?.[1] ?? "";
        heard.push(`wsd ${messageId}`);
        camera.send(Buffer.from(probeMatches(messageId, locationPort)), from.port, from.address);
      }),
    );
  }
  return {
    heard: () => heard,
    stop: async () => {
      for (const sock of [mdns, ssdp, other, ...extra]) await new Promise<void>((resolve) => sock.close(() => resolve()));
    },
  };
}
