import { useId, useState, type FormEvent } from "react";
import { LOCAL_HOST } from "../../../shared/hosts";
import type { LabErrorInfo } from "../../../shared/errors";
import type { NetworkInterfaceInfo } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { broadcastTargets, LIMITED_BROADCAST } from "../../model/broadcast/addresses";
import { parsePort } from "../actions/address";
import { useHostCall } from "./use-host-call";

type Outcome = { readonly ok: boolean; readonly text: string };

const errorText = (host: string, e: LabErrorInfo): string => `${host}: ${e.type}${e.errno ? ` [${e.errno}]` : ""} ${e.message}`;

/** The broadcast address a class would try first on a host: a LAN's own, else loopback's, else the limited one. */
function firstTarget(interfaces: readonly NetworkInterfaceInfo[] | null): string {
  const targets = [...broadcastTargets(interfaces ?? [])].filter((a) => a !== LIMITED_BROADCAST);
  const lan = interfaces?.find((i) => !i.internal && i.family === "AF_INET" && i.broadcast !== null)?.broadcast;
  return lan ?? targets[0] ?? LIMITED_BROADCAST;
}

/**
 * The tutorial's broadcast across machines, driven from this console:
 * UDP receivers on the hosts picked (each answering its sender), and a
 * datagram sent from one host; the timeline and the roll call show who
 * heard it. Each step is the host's own socket call (`hosts_call`).
 */
export function HostDrive() {
  const t = useT();
  const call = useHostCall();
  const hosts = useLabStore((s) => s.hosts);
  const localInterfaces = useLabStore((s) => s.interfaces);
  const localSockets = useLabStore((s) => s.sockets);
  const connected = [LOCAL_HOST, ...hosts.filter((h) => h.state === "connected").map((h) => h.name)];
  const interfacesOf = (host: string) => (host === LOCAL_HOST ? localInterfaces : (hosts.find((h) => h.name === host)?.interfaces ?? null));
  const socketsOf = (host: string) => (host === LOCAL_HOST ? [...localSockets.values()] : (hosts.find((h) => h.name === host)?.sockets ?? []));

  const [port, setPort] = useState("47123");
  const [reply, setReply] = useState("ACK from {host}");
  // Every connected host listens unless unticked (hosts paired later too); the console's own Lab only when ticked.
  const [unpicked, setUnpicked] = useState<ReadonlySet<string>>(() => new Set([LOCAL_HOST]));
  const [from, setFrom] = useState(hosts[0]?.name ?? LOCAL_HOST);
  const [to, setTo] = useState<string | null>(null);
  const [data, setData] = useState("Hi there!");
  const [senders, setSenders] = useState<ReadonlyMap<string, number>>(new Map());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ids = { port: useId(), reply: useId(), from: useId(), to: useId(), targets: useId(), data: useId(), outcome: useId() };
  const portNumber = parsePort(port);
  const address = (to ?? firstTarget(interfacesOf(from))).trim();
  const receivers = connected.filter((h) => !unpicked.has(h));

  const openReceivers = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (portNumber === null || receivers.length === 0) return;
    setBusy(true);
    const done = await Promise.all(
      receivers.map(async (host): Promise<Outcome> => {
        const made = await call(host, "socket", { type: "SOCK_DGRAM" });
        if (!made.ok) return { ok: false, text: errorText(host, made.error) };
        const fd = made.result.fd;
        // SO_REUSEADDR so several receivers (and Labs) can share the port on one machine, as the tutorial's do.
        for (const [name, input] of [
          ["setsockopt", { fd, level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 }],
          ["bind", { fd, address: ["", portNumber] }],
          ["auto", { fd, recv: true, ...(reply.trim() === "" ? {} : { reply: reply.replaceAll("{host}", host) }) }],
        ] as const) {
          const step = await call(host, name, input as never);
          if (!step.ok) {
            await call(host, "close", { fd });
            return { ok: false, text: errorText(host, step.error) };
          }
        }
        return { ok: true, text: t("hosts.drive.receiver", { host, fd }) };
      }),
    );
    setBusy(false);
    const failed = done.filter((d) => !d.ok);
    setOutcome(failed.length ? { ok: false, text: failed.map((d) => d.text).join("; ") } : { ok: true, text: t("hosts.drive.opened", { port: portNumber, list: done.map((d) => d.text).join(", ") }) });
  };

  const send = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (portNumber === null || address === "") return;
    setBusy(true);
    let fd = senders.get(from);
    // The sender's socket stays open to hear the answers; a new one if it has gone.
    if (fd !== undefined && !socketsOf(from).some((s) => s.fd === fd && s.type === "SOCK_DGRAM")) fd = undefined;
    let fresh = false;
    const fail = (error: LabErrorInfo): void => {
      setBusy(false);
      setOutcome({ ok: false, text: errorText(from, error) });
    };
    if (fd === undefined) {
      const made = await call(from, "socket", { type: "SOCK_DGRAM" });
      if (!made.ok) return fail(made.error);
      const allowed = await call(from, "setsockopt", { fd: made.result.fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
      if (!allowed.ok) {
        await call(from, "close", { fd: made.result.fd });
        return fail(allowed.error);
      }
      fd = made.result.fd;
      fresh = true;
      setSenders(new Map(senders).set(from, fd));
    }
    const sent = await call(from, "sendto", { fd, data, address: [address, portNumber] });
    // Reading only once it is bound (sendto bound it): the answers wait in the kernel until then.
    if (sent.ok && fresh) await call(from, "auto", { fd, recv: true });
    if (!sent.ok) return fail(sent.error);
    setBusy(false);
    setOutcome({ ok: true, text: t("hosts.drive.sent", { count: sent.result, host: from, fd, dst: `${address}:${portNumber}` }) });
  };

  return (
    <section className="hosts-card hosts-drive" aria-label={t("hosts.drive.title")}>
      <h3 className="panel-title">{t("hosts.drive.title")}</h3>
      <form className="hosts-row" aria-label={t("hosts.drive.receivers")} onSubmit={(e) => void openReceivers(e)}>
        <label htmlFor={ids.port}>
          {t("hosts.drive.port")}
          <input id={ids.port} className="mono hosts-port" value={port} inputMode="numeric" aria-invalid={portNumber === null} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label htmlFor={ids.reply}>
          {t("hosts.drive.reply")}
          <input id={ids.reply} className="mono" value={reply} maxLength={200} spellCheck={false} title={t("hosts.drive.reply.hint", { placeholder: "{host}" })} onChange={(e) => setReply(e.target.value)} />
        </label>
        <fieldset className="hosts-picks">
          <legend>{t("hosts.drive.on")}</legend>
          {connected.map((h) => (
            <label key={h} className="check">
              <input
                type="checkbox"
                checked={!unpicked.has(h)}
                onChange={(e) => {
                  const next = new Set(unpicked);
                  if (e.target.checked) next.delete(h);
                  else next.add(h);
                  setUnpicked(next);
                }}
              />
              <span className="mono">{h}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy || portNumber === null || receivers.length === 0}>
          {t("hosts.drive.open")}
        </button>
      </form>
      <form className="hosts-row" aria-label={t("hosts.drive.sender")} onSubmit={(e) => void send(e)}>
        <label htmlFor={ids.from}>
          {t("hosts.drive.from")}
          <select id={ids.from} value={from} onChange={(e) => (setFrom(e.target.value), setTo(null))}>
            {connected.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.to}>
          {t("hosts.drive.to")}
          <input id={ids.to} className="mono hosts-address" value={address} list={ids.targets} spellCheck={false} onChange={(e) => setTo(e.target.value)} />
          <datalist id={ids.targets}>
            {[...broadcastTargets(interfacesOf(from) ?? [])].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <span className="mono muted">:{portNumber ?? "?"}</span>
        <label htmlFor={ids.data} className="grow">
          {t("hosts.drive.data")}
          <input id={ids.data} className="mono" value={data} maxLength={1000} spellCheck={false} onChange={(e) => setData(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || portNumber === null || address === ""} aria-describedby={outcome ? ids.outcome : undefined}>
          {t("hosts.drive.send")}
        </button>
      </form>
      {outcome && (
        <p id={ids.outcome} className={outcome.ok ? "hosts-outcome ok" : "hosts-outcome error"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
