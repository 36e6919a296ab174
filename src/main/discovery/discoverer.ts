import type { LabEvent } from "../../shared/events";
import { LabError } from "../../shared/errors";
import { MAX_KEPT_BYTES, type DiscoveryProtocol, type Matcher, type Sighting, type Undecodable } from "../../shared/discovery/types";
import type { DiscoveryNote } from "../../shared/discovery/notes";
import type { NetworkInterfaceInfo } from "../../shared/socket-model";
import type { Lab } from "../lab/lab";
import { encodeQuery, type Question } from "./dns";
import { decodeDatagram } from "./decode";
import { encodeNodeStatus, NBNS_PORT } from "./nbns";
import {
  freshId,
  llmnrQuery,
  mdnsBrowse,
  nbnsQuery,
  ssdpSearches,
  WELL_KNOWN,
  wsdProbe,
  type CustomProbe,
  type ProbeDatagram,
  type StandardProtocol,
} from "./probes";

/**
 * The discovery engine: probes and listens with ordinary Lab UDP sockets, so
 * on the kernel engine each datagram says where it was sent and on which
 * interface (IP_PKTINFO), and the Lab's log shows every byte. Decodes what
 * arrives and hands each datagram on as a Sighting (or an Undecodable, with
 * its bytes and a reason). Knows nothing of how it is shown.
 */

export interface DiscoverOptions {
  /** Standard protocols to probe and listen for. */
  readonly protocols: readonly StandardProtocol[];
  /** An interface name, or null for every IPv4 interface that is up (loopback only when named). */
  readonly iface: string | null;
  /** The name LLMNR and NetBIOS ask for; without it they only listen. */
  readonly name: string | null;
  /** Listen only: send nothing. */
  readonly passive: boolean;
  readonly custom: readonly CustomProbe[];
  /** SSDP's MX: seconds a device may wait before it answers. */
  readonly mx: number;
  /** Probes are sent again after this many ms (UDP may lose the first); null sends once. */
  readonly repeatAfterMs: number | null;
}

export interface DiscoveryListener {
  sighting(s: Sighting): void;
  undecodable(u: Undecodable): void;
  /** Something a person should know: a port that could not be bound, a probe that could not be sent, an answer that came back the wrong way. */
  note(note: DiscoveryNote): void;
}

type Role = { readonly protocol: DiscoveryProtocol; readonly probe: boolean; readonly iface: NetworkInterfaceInfo | null; readonly matcher?: Matcher };

/** Bounds on follow-up traffic, whatever the LAN says. */
const MAX_FOLLOW_UP_QUESTIONS = 256;
const QUESTIONS_PER_QUERY = 16;
const FOLLOW_UP_DELAY_MS = 20;
const MAX_NODE_STATUS = 64;
/** An mDNS response on the group that answers a name we asked within this window is an answer, not an announcement. */
const ASKED_WINDOW_MS = 3000;

function errnoOf(err: unknown): string {
  return err instanceof LabError ? `${err.info.errno ?? err.info.type}: ${err.info.message}` : err instanceof Error ? err.message : String(err);
}

function inSubnet(address: string, i: NetworkInterfaceInfo): boolean {
  const v = (a: string): number => a.split(".").reduce((n, p) => n * 256 + Number(p), 0);
  if (i.family !== "AF_INET" || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return false;
  const mask = v(i.netmask);
  return (v(address) & mask) >>> 0 === (v(i.address) & mask) >>> 0;
}

export class Discoverer {
  private readonly roles = new Map<number, Role>();
  private readonly probeFds = new Map<string, number>();
  private interfaces: NetworkInterfaceInfo[] = [];
  private chosen: NetworkInterfaceInfo[] = [];
  private readonly localAddresses = new Set<string>();
  private readonly probePorts = new Set<number>();
  /** µs (the Lab's clock) each probe left, by protocol and txid; and per socket for protocols without ids. */
  private readonly sentById = new Map<string, number>();
  private readonly sentByFd = new Map<number, number>();
  private readonly askedAt = new Map<string, number>();
  private readonly askedFollowUp = new Set<string>();
  private followUpQuestions = 0;
  private pendingFollowUps = new Map<string, Question[]>();
  private followUpTimer: NodeJS.Timeout | null = null;
  private readonly nodeStatusSent = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly lab: Lab,
    private readonly options: DiscoverOptions,
    private readonly listener: DiscoveryListener,
  ) {}

  /** The interfaces it probes and listens on (known once start has read them). */
  get interfacesChosen(): readonly NetworkInterfaceInfo[] {
    return this.chosen;
  }

  /** Opens the listeners and probe sockets and sends the probes. Resolves once the first probes are out. */
  async start(): Promise<void> {
    this.interfaces = await this.lab.call("interfaces", {});
    for (const i of this.interfaces) this.localAddresses.add(i.address);
    const v4 = this.interfaces.filter((i) => i.family === "AF_INET");
    this.chosen = this.options.iface === null ? v4.filter((i) => !i.internal && i.flags.includes("UP")) : v4.filter((i) => i.name === this.options.iface);
    if (this.chosen.length === 0) {
      this.listener.note(this.options.iface === null ? { code: "no-interface" } : { code: "no-ipv4", iface: this.options.iface });
      return;
    }
    this.unsubscribe = this.lab.events.subscribe((e) => this.onEvent(e));
    for (const protocol of this.options.protocols) await this.openListener(protocol);
    if (this.options.passive) return;
    for (const iface of this.chosen) {
      for (const protocol of this.options.protocols) await this.openProbe(protocol, iface);
      for (const [n, probe] of this.options.custom.entries()) await this.openCustom(n, probe, iface);
    }
    await this.sendProbes();
    if (this.options.repeatAfterMs !== null) this.later(this.options.repeatAfterMs, () => void this.sendProbes());
  }

  /** Closes every socket it opened; safe to call more than once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.followUpTimer) clearTimeout(this.followUpTimer);
    const fds = [...this.roles.keys()];
    this.roles.clear();
    for (const fd of fds) await this.lab.call("close", { fd }).catch(() => undefined);
    this.unsubscribe?.();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  private async udpSocket(): Promise<number> {
    return (await this.lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" })).fd;
  }

  /** The well-known port, shared with the host's own daemons (avahi, systemd-resolved) through SO_REUSEADDR. */
  private async openListener(protocol: StandardProtocol): Promise<void> {
    const { group, port } = WELL_KNOWN[protocol];
    const fd = await this.udpSocket();
    try {
      await this.lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 });
      if (group === null) await this.lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
      await this.lab.call("bind", { fd, address: ["", port] });
      if (group !== null) for (const iface of this.chosen) await this.lab.call("join_group", { fd, group, iface: iface.address });
      await this.lab.call("auto", { fd, recv: true });
      this.roles.set(fd, { protocol, probe: false, iface: this.chosen.length === 1 ? this.chosen[0]! : null });
    } catch (err) {
      await this.lab.call("close", { fd }).catch(() => undefined);
      const errno = err instanceof LabError ? err.info.errno : null;
      const cause = errno === "EACCES" && port < 1024 ? "privileged" : errno === "EADDRINUSE" ? "in-use" : null;
      this.listener.note({ code: "cannot-listen", protocol, at: `${group ?? "*"}:${port}`, error: errnoOf(err), cause });
    }
  }

  private async openProbeSocket(iface: NetworkInterfaceInfo, ttl: number, broadcast: boolean): Promise<number> {
    const fd = await this.udpSocket();
    try {
      if (broadcast) await this.lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
      await this.lab.call("bind", { fd, address: [iface.address, 0] });
      await this.lab.call("multicast_interface", { fd, iface: iface.address });
      await this.lab.call("setsockopt", { fd, level: "IPPROTO_IP", name: "IP_MULTICAST_TTL", value: ttl });
      await this.lab.call("auto", { fd, recv: true });
      this.probePorts.add((await this.lab.call("getsockname", { fd }))[1]);
      return fd;
    } catch (err) {
      await this.lab.call("close", { fd }).catch(() => undefined);
      throw err;
    }
  }

  private async openProbe(protocol: StandardProtocol, iface: NetworkInterfaceInfo): Promise<void> {
    if (protocol === "llmnr" && !this.options.name) return;
    // NetBIOS's socket also sends node status requests to the devices other protocols find, with or without a name.
    if (protocol === "nbns" && this.options.name && !iface.broadcast) this.listener.note({ code: "no-broadcast", protocol, iface: iface.name });
    try {
      const fd = await this.openProbeSocket(iface, WELL_KNOWN[protocol].ttl, protocol === "nbns");
      this.roles.set(fd, { protocol, probe: true, iface });
      this.probeFds.set(`${protocol}@${iface.name}`, fd);
    } catch (err) {
      this.listener.note({ code: "cannot-probe", protocol, iface: iface.name, address: iface.address, error: errnoOf(err) });
    }
  }

  private async openCustom(n: number, probe: CustomProbe, iface: NetworkInterfaceInfo): Promise<void> {
    try {
      const fd = await this.openProbeSocket(iface, 1, true);
      this.roles.set(fd, { protocol: "custom", probe: true, iface, matcher: probe.match });
      this.probeFds.set(`custom${n}@${iface.name}`, fd);
    } catch (err) {
      this.listener.note({ code: "cannot-probe", protocol: "custom", iface: iface.name, address: iface.address, error: errnoOf(err) });
    }
  }

  private datagramsFor(protocol: StandardProtocol, iface: NetworkInterfaceInfo): ProbeDatagram[] {
    const name = this.options.name;
    switch (protocol) {
      case "mdns":
        return [mdnsBrowse()];
      case "ssdp":
        return ssdpSearches(this.options.mx);
      case "wsd":
        return [wsdProbe()];
      case "llmnr":
        return name ? llmnrQuery(name) : [];
      case "nbns":
        return name && iface.broadcast ? [nbnsQuery(name, iface.broadcast)] : [];
    }
  }

  private async sendProbes(): Promise<void> {
    for (const iface of this.chosen) {
      for (const protocol of this.options.protocols) {
        const fd = this.probeFds.get(`${protocol}@${iface.name}`);
        if (fd === undefined) continue;
        for (const d of this.datagramsFor(protocol, iface)) await this.send(protocol, fd, d);
      }
      for (const [n, probe] of this.options.custom.entries()) {
        const fd = this.probeFds.get(`custom${n}@${iface.name}`);
        if (fd !== undefined) await this.send("custom", fd, { bytes: Buffer.from(probe.data), to: [probe.address, probe.port], txid: null, asked: [] });
      }
    }
  }

  private async send(protocol: DiscoveryProtocol, fd: number, d: ProbeDatagram): Promise<void> {
    if (this.stopped) return;
    const at = this.lab.events.now();
    if (d.txid !== null) this.sentById.set(`${protocol}:${d.txid}`, at);
    this.sentByFd.set(fd, at);
    for (const name of d.asked) this.askedAt.set(name.toLowerCase(), Date.now());
    try {
      await this.lab.call("sendto", { fd, data: { hex: d.bytes.toString("hex") }, address: [d.to[0], d.to[1]] });
    } catch (err) {
      this.listener.note({ code: "send-failed", protocol, to: `${d.to[0]}:${d.to[1]}`, error: errnoOf(err) });
    }
  }

  private onEvent(e: LabEvent): void {
    // Closed by someone else (the socket list, the Lab's closeAll): not ours to close again, as its fd may be reused.
    if (e.type === "closed") {
      this.roles.delete(e.fd);
      return;
    }
    if (e.type !== "data" || e.dir !== "in") return;
    const role = this.roles.get(e.fd);
    if (!role || !e.src) return;
    const src = e.src;
    // Our own probes, looped back to our listeners (IP_MULTICAST_LOOP): not a device.
    if (this.localAddresses.has(src[0]) && this.probePorts.has(src[1])) return;
    // The packet log takes the bytes right after the event: read them on the next turn.
    queueMicrotask(() => void this.take(e, role, src));
  }

  private ifnameOf(e: Extract<LabEvent, { type: "data" }>, role: Role, src: readonly [string, number]): string | null {
    return e.ifname ?? role.iface?.name ?? this.chosen.find((i) => inSubnet(src[0], i))?.name ?? null;
  }

  private async take(e: Extract<LabEvent, { type: "data" }>, role: Role, src: readonly [string, number]): Promise<void> {
    if (this.stopped) return;
    // The arrival time is the Lab's (when the datagram was read), in wall-clock ms.
    const at = Math.round(Date.now() - (this.lab.events.now() - e.t) / 1000);
    // Without the kernel engine (no cast), a listener's event names its own wildcard address, not where the datagram went;
    // a probe socket is bound to the interface's address, so what it gets was sent there by unicast.
    const dst = e.cast !== undefined || role.probe ? e.dst : null;
    const base = { protocol: role.protocol, at, src, dst, ifname: this.ifnameOf(e, role, src) };
    let bytes: Buffer;
    try {
      bytes = Buffer.from((await this.lab.call("payload", { seq: e.seq })).hex, "hex");
    } catch (err) {
      this.listener.undecodable({ ...base, len: e.len, hex: "", reason: `its bytes are no longer in the packet log: ${errnoOf(err)}` });
      return;
    }
    let d: ReturnType<typeof decodeDatagram>;
    try {
      d = decodeDatagram(role.protocol, bytes, {
        onProbeSocket: role.probe,
        askedLately: (names) => names.some((n) => Date.now() - (this.askedAt.get(n.toLowerCase()) ?? -Infinity) < ASKED_WINDOW_MS),
        ...(role.matcher ? { matcher: role.matcher } : {}),
      });
    } catch (err) {
      // The decoders do not throw; if one ever does, the datagram is still kept and shown.
      d = { ok: false, reason: `decoder failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!d.ok) {
      this.listener.undecodable({ ...base, len: bytes.length, hex: bytes.subarray(0, MAX_KEPT_BYTES).toString("hex"), reason: d.reason });
      return;
    }
    const sentAt =
      d.kind !== "response" ? undefined : d.txid !== null && role.protocol !== "ssdp" ? this.sentById.get(`${role.protocol}:${d.txid}`) : role.probe ? this.sentByFd.get(e.fd) : undefined;
    const rttMs = sentAt !== undefined && e.t >= sentAt ? Math.round((e.t - sentAt) / 10) / 100 : null;
    const cast = e.cast ?? (role.probe ? "unicast" : null);
    this.explain(e, role, src, d.kind);
    const sighting: Sighting = { ...base, kind: d.kind, cast, rttMs, facts: d.facts, summary: d.summary, detail: d.detail };
    this.listener.sighting(sighting);
    if (!this.options.passive) this.followUp(sighting, role);
  }

  private readonly explained = new Set<string>();

  /** Says once per device what looks wrong in how its answer came back: on another interface, or from beyond a router. */
  private explain(e: Extract<LabEvent, { type: "data" }>, role: Role, src: readonly [string, number], kind: string): void {
    if (!role.probe || kind !== "response" || !role.iface) return;
    const say = (note: DiscoveryNote): void => {
      const key = `${note.code}:${src[0]}`;
      if (this.explained.has(key)) return;
      this.explained.add(key);
      this.listener.note(note);
    };
    if (e.ifname && e.ifname !== role.iface.name) {
      say({ code: "other-interface", protocol: role.protocol, address: src[0], ifname: e.ifname, probeIface: role.iface.name });
    }
    if (!this.chosen.some((i) => inSubnet(src[0], i)) && !this.localAddresses.has(src[0])) {
      say({ code: "other-subnet", protocol: role.protocol, address: src[0], iface: role.iface.name, subnet: role.iface.cidr ?? role.iface.address });
    }
  }

  /** What a sighting leaves unanswered: mDNS instances' SRV/TXT and hosts' addresses; a new device's NetBIOS names. */
  private followUp(s: Sighting, role: Role): void {
    const iface = role.iface ?? this.chosen.find((i) => i.name === s.ifname) ?? this.chosen[0];
    if (!iface) return;
    if (s.protocol === "mdns" && (s.kind === "response" || s.kind === "announcement")) {
      const known = new Set(s.facts.names.map((n) => n.toLowerCase()));
      const ask = (name: string, types: Question["type"][]): void => {
        const key = name.toLowerCase();
        if (this.askedFollowUp.has(key) || this.followUpQuestions + types.length > MAX_FOLLOW_UP_QUESTIONS) return;
        this.askedFollowUp.add(key);
        this.followUpQuestions += types.length;
        const list = this.pendingFollowUps.get(iface.name) ?? [];
        for (const type of types) list.push({ name, type });
        this.pendingFollowUps.set(iface.name, list);
      };
      const detail = s.detail.format === "dns" ? s.detail : null;
      const hasRecord = (name: string, type: string): boolean => detail?.records.some((r) => r.name.toLowerCase() === name.toLowerCase() && r.type === type) ?? false;
      for (const type of s.facts.services) if (!s.facts.instances.some((i) => i.type === type)) ask(type, ["PTR"]);
      for (const inst of s.facts.instances) {
        if (inst.port === null) ask(inst.fqdn, ["SRV", "TXT"]);
        if (inst.host && !hasRecord(inst.host, "A") && !(known.has(inst.host.toLowerCase()) && hasRecord(inst.host, "AAAA"))) ask(inst.host, ["A", "AAAA"]);
      }
      if (this.pendingFollowUps.size > 0 && !this.followUpTimer) {
        this.followUpTimer = setTimeout(() => {
          this.followUpTimer = null;
          void this.flushFollowUps();
        }, FOLLOW_UP_DELAY_MS);
      }
    }
    // NetBIOS node status of every IPv4 device heard on the LAN (nmblookup -A), once each.
    if (this.options.protocols.includes("nbns") && s.protocol !== "nbns" && !this.nodeStatusSent.has(s.src[0]) && this.nodeStatusSent.size < MAX_NODE_STATUS) {
      const fd = this.probeFds.get(`nbns@${iface.name}`);
      if (fd !== undefined && inSubnet(s.src[0], iface) && !this.localAddresses.has(s.src[0])) {
        this.nodeStatusSent.add(s.src[0]);
        const id = freshId();
        void this.send("nbns", fd, { bytes: encodeNodeStatus(id), to: [s.src[0], NBNS_PORT], txid: id, asked: [] });
      }
    }
  }

  private async flushFollowUps(): Promise<void> {
    const pending = this.pendingFollowUps;
    this.pendingFollowUps = new Map();
    for (const [ifname, questions] of pending) {
      const fd = this.probeFds.get(`mdns@${ifname}`);
      if (fd === undefined) continue;
      for (let i = 0; i < questions.length; i += QUESTIONS_PER_QUERY) {
        const batch = questions.slice(i, i + QUESTIONS_PER_QUERY);
        const id = freshId();
        await this.send("mdns", fd, { bytes: encodeQuery(id, batch), to: [WELL_KNOWN.mdns.group, WELL_KNOWN.mdns.port], txid: id, asked: batch.map((q) => q.name) });
      }
    }
  }
}
