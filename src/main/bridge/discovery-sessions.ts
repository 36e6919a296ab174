import { DISCOVERY_LIMITS, STANDARD_PROTOCOLS, type DiscoveryCommandResults, type DiscoveryItem, type DoneReason } from "../../shared/discovery/contract";
import type { CommandArgs } from "../../shared/contract";
import { LabError, osError } from "../../shared/errors";
import type { NetworkInterfaceInfo } from "../../shared/socket-model";
import { Discoverer } from "../discovery/discoverer";
import type { Lab } from "../lab/lab";

/** A body of an item, before it is numbered. */
type ItemBody = DiscoveryItem extends infer I ? (I extends unknown ? Omit<I, "n"> : never) : never;

interface Entry {
  readonly item: DiscoveryItem;
  /** Its JSON's length, for the per-poll bound. */
  readonly chars: number;
}

interface Session {
  readonly discoverer: Discoverer;
  /** Unread items, oldest first (read ones are let go at the next poll). */
  entries: Entry[];
  next: number;
  dropped: number;
  datagrams: number;
  done: DoneReason | null;
  timer: NodeJS.Timeout | null;
  readonly waiters: Set<() => void>;
}

/** Finished discoveries kept readable (their last items, `done`) after they end. */
const FINISHED_KEPT = 8;
const DEFAULT_TIMEOUT_S = 3;

/**
 * The pages' discoveries, served above the Lab: each a Discoverer on the
 * Lab's own UDP sockets, with a bounded queue of what it heard that the page
 * reads with discover_poll. A page's discoveries end when it goes (`release`).
 */
export class DiscoverySessions {
  private readonly sessions = new Map<number, Session>();
  private readonly finished: number[] = [];
  private nextId = 1;

  constructor(private readonly lab: Lab) {}

  async start(args: CommandArgs<"discover_start">): Promise<DiscoveryCommandResults["discover_start"]> {
    const running = [...this.sessions.values()].filter((s) => s.done === null).length;
    if (running >= DISCOVERY_LIMITS.running) {
      throw new LabError({ ...osError("EAGAIN"), message: `at most ${DISCOVERY_LIMITS.running} discoveries run at once; stop one first` });
    }
    const iface = args.iface ?? null;
    const chosen = chooseInterfaces(await this.lab.call("interfaces", {}), iface);
    const protocols = args.protocols ?? [...STANDARD_PROTOCOLS];
    const passive = args.passive ?? false;
    const timeout = args.timeout === undefined ? DEFAULT_TIMEOUT_S : args.timeout;
    const id = this.nextId++;
    const push = (body: ItemBody): void => this.push(id, body);
    const discoverer = new Discoverer(
      this.lab,
      {
        protocols,
        iface,
        name: args.name ?? null,
        passive,
        custom: (args.probes ?? []).map((p) => ({ data: Buffer.from(p.data, "hex"), address: p.address, port: p.port, match: p.match })),
        mx: 1,
        repeatAfterMs: timeout === null || timeout >= 2 ? 1000 : null,
      },
      {
        sighting: (sighting) => push({ type: "sighting", sighting }),
        undecodable: (datagram) => push({ type: "undecodable", datagram }),
        note: (note) => push({ type: "note", note }),
      },
    );
    const session: Session = { discoverer, entries: [], next: 1, dropped: 0, datagrams: 0, done: null, timer: null, waiters: new Set() };
    this.sessions.set(id, session);
    const startedAt = Date.now();
    try {
      await discoverer.start();
    } catch (err) {
      await this.end(id, "stopped");
      this.sessions.delete(id);
      throw err;
    }
    if (timeout !== null && session.done === null) {
      session.timer = setTimeout(() => void this.end(id, "timeout"), timeout * 1000);
      // A discovery alone must not keep a CLI or a test process alive.
      session.timer.unref();
    }
    return {
      discovery: id,
      interfaces: chosen.map((i) => ({ name: i.name, address: i.address, cidr: i.cidr })),
      protocols,
      passive,
      startedAt,
      endsAt: timeout === null ? null : startedAt + timeout * 1000,
    };
  }

  async poll(args: CommandArgs<"discover_poll">, signal?: AbortSignal): Promise<DiscoveryCommandResults["discover_poll"]> {
    const session = this.get(args.discovery);
    // What the page has read is its own now: let it go, so the queue holds unread items only.
    while (session.entries[0] && session.entries[0].item.n <= args.after) session.entries.shift();
    const wait = args.wait_ms ?? 0;
    if (wait > 0 && session.done === null && !session.entries.some((e) => e.item.n > args.after) && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", wake);
          session.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, wait);
        signal?.addEventListener("abort", wake);
        session.waiters.add(wake);
      });
    }
    const items: DiscoveryItem[] = [];
    let chars = 0;
    for (const entry of session.entries) {
      if (entry.item.n <= args.after) continue;
      if (items.length >= DISCOVERY_LIMITS.itemsPerPoll || (items.length > 0 && chars + entry.chars > DISCOVERY_LIMITS.charsPerPoll)) break;
      items.push(entry.item);
      chars += entry.chars;
    }
    const next = items.at(-1)?.n ?? Math.max(args.after, (session.entries[0]?.item.n ?? session.next) - 1);
    return { items, next, dropped: session.dropped, done: session.done, datagrams: session.datagrams };
  }

  async stop(id: number): Promise<void> {
    this.get(id);
    await this.end(id, "stopped");
  }

  /** The page that started these went: their sockets close and nothing of them is kept. */
  release(ids: Iterable<number>): void {
    for (const id of ids) {
      if (!this.sessions.has(id)) continue;
      void this.end(id, "page-gone").finally(() => this.forget(id));
    }
  }

  /** Every discovery ends (the Lab is shutting down). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id, "stopped")));
  }

  private push(id: number, body: ItemBody): void {
    const session = this.sessions.get(id);
    if (!session) return;
    if (body.type !== "note") session.datagrams += 1;
    const item = { ...body, n: session.next++ } as DiscoveryItem;
    session.entries.push({ item, chars: JSON.stringify(item).length });
    if (session.entries.length > DISCOVERY_LIMITS.items) {
      session.entries.shift();
      session.dropped += 1;
    }
    this.wake(session);
  }

  private wake(session: Session): void {
    for (const wake of [...session.waiters]) wake();
  }

  private async end(id: number, reason: DoneReason): Promise<void> {
    const session = this.sessions.get(id);
    if (!session || session.done !== null) return;
    session.done = reason;
    if (session.timer) clearTimeout(session.timer);
    await session.discoverer.stop();
    this.wake(session);
    if (reason !== "page-gone") {
      this.finished.push(id);
      while (this.finished.length > FINISHED_KEPT) this.forget(this.finished.shift()!);
    }
  }

  private forget(id: number): void {
    this.sessions.delete(id);
    const i = this.finished.indexOf(id);
    if (i >= 0) this.finished.splice(i, 1);
  }

  private get(id: number): Session {
    const session = this.sessions.get(id);
    if (!session) throw new LabError(osError("EINVAL", `no discovery ${id} (it never started, or ended long ago and was let go)`));
    return session;
  }
}

/** The interfaces a discovery runs on, as the Discoverer picks them, or a typed error that says why there are none. */
function chooseInterfaces(all: readonly NetworkInterfaceInfo[], iface: string | null): NetworkInterfaceInfo[] {
  const v4 = all.filter((i) => i.family === "AF_INET");
  if (iface === null) {
    const up = v4.filter((i) => !i.internal && i.flags.includes("UP"));
    if (up.length === 0) throw new LabError(osError("EADDRNOTAVAIL", "no IPv4 interface is up besides loopback: choose lo to try discovery on this machine"));
    return up;
  }
  const named = all.filter((i) => i.name === iface);
  if (named.length === 0) {
    const here = [...new Set(all.map((i) => i.name))].join(", ");
    throw new LabError(osError("EINVAL", `discover_start.iface: no interface named ${iface} (here: ${here})`));
  }
  const mine = v4.filter((i) => i.name === iface);
  if (mine.length === 0) throw new LabError(osError("EADDRNOTAVAIL", `${iface} has no IPv4 address (discovery is IPv4 only for now)`));
  return mine;
}
