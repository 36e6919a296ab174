/**
 * Discovery responders for the LAN tests, to run inside a network namespace:
 *
 *   ip netns exec NS node --import tsx test/lan/discovery-responder.ts CONFIG_JSON
 *
 * CONFIG: {"address": "10.213.7.1", "host": "host-a", "mdns": "full"|"minimal",
 *          "ssdp": true, "wsd": true, "llmnr": true, "nbns": true,
 *          "announce": {"every_ms": 200, "count": 40}}
 *
 * Written for the tests with plain dgram and by hand (dns-packet only to
 * encode DNS), not with the discoverer's code: what they answer is what the
 * standards say a device answers, so the discoverer is checked against them.
 *
 *   mDNS: answers DNS-SD queries for one service instance per host (PTR,
 *         SRV, TXT, A). "full" adds SRV/TXT/A as additional records to a PTR
 *         answer, as RFC 6763 §12 recommends; "minimal" answers only what
 *         was asked, so the discoverer must ask again. A query from a port
 *         other than 5353 is answered by unicast with its id (RFC 6762 §6.7).
 *   SSDP: answers M-SEARCH ssdp:all / upnp:rootdevice by unicast.
 *   WS-Discovery: answers Probe with ProbeMatches by unicast, RelatesTo its MessageID.
 *   LLMNR and NetBIOS: answer a name query for HOST (NetBIOS: upper case) and NBSTAT.
 *
 * stdout: {"ready": true} once every socket is bound, then {"got": {protocol, from, what}} per datagram.
 */
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import * as dnsPacket from "dns-packet";

interface Config {
  readonly address: string;
  readonly host: string;
  readonly mdns?: "full" | "minimal";
  readonly ssdp?: boolean;
  readonly wsd?: boolean;
  readonly llmnr?: boolean;
  readonly nbns?: boolean;
  readonly announce?: { readonly every_ms: number; readonly count: number };
}

const config = JSON.parse(process.argv[2] ?? "{}") as Config;
const HOST = config.host;
const INSTANCE = `Device ${HOST}`;
const TYPE = config.mdns === "minimal" ? "_ipp._tcp.local" : "_http._tcp.local";
const FQDN = `${INSTANCE}.${TYPE}`;
const TARGET = `${HOST}.local`;
const PORT = config.mdns === "minimal" ? 631 : 8080;
const UUID = `uuid:00000000-0000-4000-8000-${Buffer.from(HOST).toString("hex").padStart(12, "0").slice(-12)}`;
const timers: NodeJS.Timeout[] = [];
const sockets: Socket[] = [];

function say(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function listen(port: number, group: string | null, onMessage: (msg: Buffer, from: RemoteInfo, sock: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = createSocket({ type: "udp4", reuseAddr: true });
    sockets.push(sock);
    sock.once("error", reject);
    sock.on("message", (msg, from) => onMessage(msg, from, sock));
    sock.bind(port, () => {
      if (group) {
        sock.addMembership(group, config.address);
        sock.setMulticastInterface(config.address);
        sock.setMulticastTTL(255);
      } else sock.setBroadcast(true);
      resolve(sock);
    });
  });
}

// --- mDNS ---------------------------------------------------------------

type Rec = dnsPacket.Answer;
const ptrTypes: Rec = { name: "_services._dns-sd._udp.local", type: "PTR", ttl: 4500, data: TYPE };
const ptrInstance: Rec = { name: TYPE, type: "PTR", ttl: 4500, data: FQDN };
const srv: Rec = { name: FQDN, type: "SRV", ttl: 120, flush: true, data: { priority: 0, weight: 0, port: PORT, target: TARGET } };
const txt: Rec = { name: FQDN, type: "TXT", ttl: 4500, flush: true, data: [`host=${HOST}`, "path=/"] };
const a: Rec = { name: TARGET, type: "A", ttl: 120, flush: true, data: config.address };

function mdnsAnswer(q: dnsPacket.Question): { answers: Rec[]; additionals: Rec[] } {
  const name = q.name.toLowerCase();
  const full = config.mdns === "full";
  if (name === "_services._dns-sd._udp.local" && q.type === "PTR") return { answers: [ptrTypes], additionals: [] };
  if (name === TYPE.toLowerCase() && q.type === "PTR") return { answers: [ptrInstance], additionals: full ? [srv, txt, a] : [] };
  if (name === FQDN.toLowerCase() && q.type === "SRV") return { answers: [srv], additionals: full ? [a] : [] };
  if (name === FQDN.toLowerCase() && q.type === "TXT") return { answers: [txt], additionals: [] };
  if (name === TARGET.toLowerCase() && q.type === "A") return { answers: [a], additionals: [] };
  return { answers: [], additionals: [] };
}

function onMdns(msg: Buffer, from: RemoteInfo, sock: Socket): void {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(msg);
  } catch {
    return;
  }
  if (packet.type !== "query") return;
  say({ got: { protocol: "mdns", from: [from.address, from.port], what: (packet.questions ?? []).map((q) => `${q.name} ${q.type}`) } });
  const answers: Rec[] = [];
  const additionals: Rec[] = [];
  for (const q of packet.questions ?? []) {
    const r = mdnsAnswer(q);
    answers.push(...r.answers);
    additionals.push(...r.additionals);
  }
  if (answers.length === 0) return;
  const legacy = from.port !== 5353;
  // RFC 6762 §6.7: a legacy unicast answer repeats the id and the questions, has no cache-flush bits and TTLs of at most 10 s.
  const clamp = (r: Rec): Rec => (legacy ? ({ ...r, flush: false, ttl: Math.min((r as { ttl?: number }).ttl ?? 10, 10) } as Rec) : r);
  const reply = dnsPacket.encode({
    type: "response",
    id: legacy ? packet.id : 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: legacy ? packet.questions : [],
    answers: answers.map(clamp),
    additionals: additionals.map(clamp),
  });
  if (legacy) sock.send(reply, from.port, from.address);
  else sock.send(reply, 5353, "224.0.0.251");
}

function announceMdns(sock: Socket): void {
  const packet = dnsPacket.encode({ type: "response", id: 0, flags: dnsPacket.AUTHORITATIVE_ANSWER, answers: [ptrInstance, srv, txt, a] });
  sock.send(packet, 5353, "224.0.0.251");
}

// --- SSDP ----------------------------------------------------------------

function ssdpResponse(st: string): Buffer {
  const usn = st === "upnp:rootdevice" ? `${UUID}::upnp:rootdevice` : UUID;
  const lines = [
    "HTTP/1.1 200 OK",
    "CACHE-CONTROL: max-age=1800",
    "EXT:",
    `LOCATION: http://${config.address}:49152/${HOST}.xml`,
    "SERVER: Linux/6.1 UPnP/1.1 TestDevice/1.0",
    `ST: ${st}`,
    `USN: ${usn}`,
    "",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}

function onSsdp(msg: Buffer, from: RemoteInfo, sock: Socket): void {
  const text = msg.toString("latin1");
  if (!text.startsWith("M-SEARCH * HTTP/1.1")) return;
  const st = /^ST:\s*(.+?)\r?$/im.exec(text)?.[1] ?? "";
  say({ got: { protocol: "ssdp", from: [from.address, from.port], what: st } });
  const targets = st === "ssdp:all" ? ["upnp:rootdevice", UUID] : st === "upnp:rootdevice" ? ["upnp:rootdevice"] : [];
  for (const t of targets) sock.send(ssdpResponse(t), from.port, from.address);
}

// --- WS-Discovery ----------------------------------------------------------

function onWsd(msg: Buffer, from: RemoteInfo, sock: Socket): void {
  const text = msg.toString("utf8");
  if (!/<(\w+:)?Probe[\s/>]/.test(text)) return;
  const messageId = /<(?:\w+:)?MessageID>([^<]+)</.exec(text)?.[1] ?? "";
  say({ got: { protocol: "wsd", from: [from.address, from.port], what: messageId } });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
  <s:Header>
    <a:MessageID>urn:uuid:11111111-2222-4333-8444-${Date.now().toString(16).padStart(12, "0").slice(-12)}</a:MessageID>
    <a:RelatesTo>${messageId}</a:RelatesTo>
    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
    <a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action>
  </s:Header>
  <s:Body>
    <d:ProbeMatches>
      <d:ProbeMatch>
        <a:EndpointReference><a:Address>urn:${UUID}</a:Address></a:EndpointReference>
        <d:Types>dn:NetworkVideoTransmitter</d:Types>
        <d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/Camera%20${HOST}</d:Scopes>
        <d:XAddrs>http://${config.address}:8000/onvif/device_service</d:XAddrs>
        <d:MetadataVersion>1</d:MetadataVersion>
      </d:ProbeMatch>
    </d:ProbeMatches>
  </s:Body>
</s:Envelope>`;
  sock.send(Buffer.from(xml), from.port, from.address);
}

// --- LLMNR -----------------------------------------------------------------

function onLlmnr(msg: Buffer, from: RemoteInfo, sock: Socket): void {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(msg);
  } catch {
    return;
  }
  if (packet.type !== "query") return;
  const q = packet.questions?.[0];
  say({ got: { protocol: "llmnr", from: [from.address, from.port], what: q ? `${q.name} ${q.type}` : "" } });
  if (!q || q.name.toLowerCase() !== HOST.toLowerCase() || q.type !== "A") return;
  const reply = dnsPacket.encode({ type: "response", id: packet.id, flags: 0, questions: [q], answers: [{ name: q.name, type: "A", ttl: 30, data: config.address }] });
  sock.send(reply, from.port, from.address);
}

// --- NetBIOS ---------------------------------------------------------------

function nbName(name: string, suffix: number): Buffer {
  const raw = Buffer.alloc(16, 0x20);
  raw.write(name.toUpperCase().slice(0, 15), "latin1");
  raw[15] = suffix;
  const out = Buffer.alloc(34);
  out[0] = 32;
  for (let i = 0; i < 16; i++) {
    out[1 + 2 * i] = 0x41 + (raw[i]! >> 4);
    out[2 + 2 * i] = 0x41 + (raw[i]! & 15);
  }
  return out;
}

function onNbns(msg: Buffer, from: RemoteInfo, sock: Socket): void {
  if (msg.length < 12 + 34 + 4 || (msg.readUInt16BE(2) & 0x8000) !== 0) return;
  const id = msg.readUInt16BE(0);
  const encoded = msg.subarray(13, 45);
  let decoded = "";
  for (let i = 0; i < 16; i++) decoded += String.fromCharCode(((encoded[2 * i]! - 0x41) << 4) | (encoded[2 * i + 1]! - 0x41));
  const type = msg.readUInt16BE(12 + 34);
  const name = decoded.slice(0, 15).replace(/[ \0]+$/, "");
  say({ got: { protocol: "nbns", from: [from.address, from.port], what: `${name} ${type}` } });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(id, 0);
  head.writeUInt16BE(0x8400, 2); // response, opcode query, authoritative
  head.writeUInt16BE(1, 6);
  const rr = (rname: Buffer, rtype: number, rdata: Buffer): Buffer => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(rtype, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(rtype === 0x20 ? 300000 : 0, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    return Buffer.concat([rname, fixed, rdata]);
  };
  if (type === 0x20 && name === HOST.toUpperCase()) {
    const rdata = Buffer.alloc(6);
    rdata.writeUInt16BE(0, 0);
    Buffer.from(config.address.split(".").map(Number)).copy(rdata, 2);
    sock.send(Buffer.concat([head, rr(nbName(HOST, 0), 0x20, rdata)]), from.port, from.address);
  } else if (type === 0x21 && decoded.startsWith("*")) {
    const entry = (n: string, suffix: number, flags: number): Buffer => {
      const e = Buffer.alloc(18, 0x20);
      e.write(n.toUpperCase(), "latin1");
      e[15] = suffix;
      e.writeUInt16BE(flags, 16);
      return e;
    };
    const rdata = Buffer.concat([Buffer.from([2]), entry(HOST, 0x00, 0x0400), entry("WORKGROUP", 0x00, 0x8400), Buffer.from([2, 0, 0, 0xaa, 0xbb, 0xcc]), Buffer.alloc(40)]);
    // This answer repeats the question and names it by a compression pointer to it (offset 12), to exercise both.
    const withQuestion = Buffer.from(head);
    withQuestion.writeUInt16BE(1, 4);
    sock.send(Buffer.concat([withQuestion, msg.subarray(12, 12 + 34 + 4), rr(Buffer.from([0xc0, 12]), 0x21, rdata)]), from.port, from.address);
  }
}

async function main(): Promise<void> {
  if (config.mdns) {
    const sock = await listen(5353, "224.0.0.251", onMdns);
    if (config.announce) {
      let left = config.announce.count;
      const t = setInterval(() => {
        announceMdns(sock);
        if (--left <= 0) clearInterval(t);
      }, config.announce.every_ms);
      timers.push(t);
    }
  }
  if (config.ssdp) await listen(1900, "239.255.255.250", onSsdp);
  if (config.wsd) await listen(3702, "239.255.255.250", onWsd);
  if (config.llmnr) await listen(5355, "224.0.0.252", onLlmnr);
  if (config.nbns) await listen(137, null, onNbns);
  say({ ready: true, pid: process.pid });
}

function end(): void {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.close();
  process.exit(0);
}

process.stdin.on("end", end).resume();
process.on("SIGTERM", end);
main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
