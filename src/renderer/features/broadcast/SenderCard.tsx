import { useEffect, useState } from "react";
import type { Address } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { parseData } from "../actions/data-input";
import { endpoint } from "../../model/endpoint";
import { stepCall } from "../../../shared/python-steps";
import { pyName } from "../console/python";
import { useCall, useRunCommand } from "../console/use-call";
import { RepeatControls } from "./RepeatControls";
import { SendErrorNote } from "./SendErrorNote";
import { destinationHost, parsePort, pickedInterface, subnetBroadcast, udpSockets } from "./selectors";

/**
 * The tutorial's sender: a UDP socket, SO_BROADCAST, and sendto() to
 * '<broadcast>', the subnet's broadcast address or any address; once or
 * every N ms. A failure is explained beside the form, with its fix.
 */
export function SenderCard() {
  const t = useT();
  const client = useLabClient();
  const call = useCall();
  const run = useRunCommand();
  const sockets = useLabStore((s) => s.sockets);
  const senderFd = useLabStore((s) => s.senderFd);
  const setSender = useLabStore((s) => s.setSender);
  const draft = useLabStore((s) => s.senderDraft);
  const setDraft = useLabStore((s) => s.setSenderDraft);
  const iface = useLabStore(pickedInterface);
  const soBroadcast = useLabStore((s) => s.soBroadcast);
  const noteSoBroadcast = useLabStore((s) => s.noteSoBroadcast);
  const sendError = useLabStore((s) => s.sendError);
  const setSendError = useLabStore((s) => s.setSendError);
  const lastJob = useLabStore((s) => [...s.repeatJobs.values()].filter((j) => j.fd === s.senderFd).at(-1));
  const [broadcastOnCreate, setBroadcastOnCreate] = useState(true);
  const [bindToSource, setBindToSource] = useState(false);
  const [autoRecv, setAutoRecv] = useState(false);

  const sender = senderFd === null ? undefined : sockets.get(senderFd);
  const candidates = udpSockets(sockets).filter((s) => s.family === "AF_INET");
  const soOn = sender ? soBroadcast.get(sender.fd) : broadcastOnCreate;

  // A socket picked from the list may have SO_BROADCAST set already: read it (quietly: the person did not call getsockopt).
  useEffect(() => {
    if (senderFd === null || soBroadcast.has(senderFd)) return;
    void client.call("getsockopt", { fd: senderFd, level: "SOL_SOCKET", name: "SO_BROADCAST" }).then((reply) => {
      if (reply.ok && typeof reply.result === "number") noteSoBroadcast(senderFd, reply.result !== 0);
    });
  }, [client, senderFd, soBroadcast, noteSoBroadcast]);

  const host = destinationHost(draft, iface);
  const port = parsePort(draft.port);
  const payload = parseData(draft.payload, "text");
  const address: Address | null = host !== null && port !== null ? [host, port] : null;
  const subnet = subnetBroadcast(iface);

  async function createSender(): Promise<number | null> {
    const made = await call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    if (!made) return null;
    const { fd } = made.value;
    if (broadcastOnCreate && (await call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 }))) noteSoBroadcast(fd, true);
    else noteSoBroadcast(fd, false);
    if (bindToSource && iface) await call("bind", { fd, address: [iface.address, 0] });
    // Answers queue for recvfrom() as in Python (the responders table reads them from the log); reading them away is the Lab's, on request.
    if (autoRecv) await call("auto", { fd, recv: true });
    setSender(fd);
    return fd;
  }

  async function setSo(on: boolean): Promise<void> {
    if (!sender) return setBroadcastOnCreate(on);
    if (await call("setsockopt", { fd: sender.fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: on ? 1 : 0 })) noteSoBroadcast(sender.fd, on);
  }

  async function send(repeat?: { count: number; intervalMs: number }): Promise<void> {
    if (!address || !payload.ok) return;
    const fd = sender?.fd ?? (await createSender());
    if (fd === null) return;
    setSendError(null);
    const reply = repeat
      ? await run({ name: "repeat", input: { fd, data: payload.data, address, count: repeat.count, interval_ms: repeat.intervalMs } })
      : await run({ name: "sendto", input: { fd, data: payload.data, address } });
    if (!reply.ok) setSendError({ fd, error: reply.error });
  }

  const shownError = sendError && sendError.fd === (sender?.fd ?? -1) ? sendError.error : (lastJob?.error ?? null);
  const name = sender ? pyName(sender.fd) : "sock";
  // The line the console will show for this sendto, from the same step printer.
  const preview = address && payload.ok ? stepCall({ op: "sendto", sock: name, data: payload.data, address: [address[0], address[1]] }) : null;

  return (
    <section className="card bc-card bc-sender" aria-labelledby="bc-sender">
      <h3 id="bc-sender">{t("bc.send.title")}</h3>
      <div className="bc-row">
        <label>
          {t("bc.send.socket")}
          <select value={sender?.fd ?? ""} onChange={(e) => setSender(e.target.value === "" ? null : Number(e.target.value))}>
            <option value="">{t("bc.send.newSocket")}</option>
            {candidates.map((s) => (
              <option key={s.fd} value={s.fd}>
                {pyName(s.fd)} · {endpoint(s.local)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={soOn ?? false} onChange={(e) => void setSo(e.target.checked)} />
          <span>
            <span className="mono">SO_BROADCAST</span> <span className="muted">{t("bc.send.soBroadcastHint")}</span>
          </span>
        </label>
      </div>
      {!sender && iface?.family === "AF_INET" && (
        <label className="check">
          <input type="checkbox" checked={bindToSource} onChange={(e) => setBindToSource(e.target.checked)} />
          <span>{t("bc.send.bindToSource", { address: iface.address })}</span>
        </label>
      )}
      {!sender && (
        <label className="check">
          <input type="checkbox" checked={autoRecv} onChange={(e) => setAutoRecv(e.target.checked)} />
          <span>
            <span className="lab-badge">{t("lab.notPython")}</span> {t("lab.formAutoRecv")}
          </span>
        </label>
      )}
      <fieldset className="bc-dest">
        <legend>{t("bc.send.destination")}</legend>
        <label className="check">
          <input type="radio" name="bc-dest" checked={draft.mode === "subnet"} onChange={() => setDraft({ mode: "subnet" })} disabled={subnet === null} />
          <span>
            {t("bc.send.subnet", { name: iface?.name ?? "—" })} <span className="mono">{subnet ?? "—"}</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name="bc-dest" checked={draft.mode === "limited"} onChange={() => setDraft({ mode: "limited" })} />
          <span>
            <span className="mono">'&lt;broadcast&gt;'</span> <span className="muted">{t("bc.send.limitedHint")}</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name="bc-dest" checked={draft.mode === "other"} onChange={() => setDraft({ mode: "other" })} />
          <span>{t("bc.send.other")}</span>
          <input
            className="mono"
            value={draft.other}
            aria-label={t("bc.send.otherAddress")}
            placeholder="192.168.1.255, 239.255.0.1…"
            onFocus={() => setDraft({ mode: "other" })}
            onChange={(e) => setDraft({ other: e.target.value, mode: "other" })}
          />
        </label>
      </fieldset>
      <div className="bc-row">
        <label className="narrow">
          {t("field.port")}
          <input className="mono num" value={draft.port} onChange={(e) => setDraft({ port: e.target.value })} aria-invalid={port === null} inputMode="numeric" />
        </label>
        <label className="grow">
          {t("bc.send.payload")}
          <input className="mono" value={draft.payload} onChange={(e) => setDraft({ payload: e.target.value })} aria-invalid={!payload.ok} />
        </label>
        <button type="button" className="primary" disabled={!address || !payload.ok} onClick={() => void send()}>
          {t("bc.send.once")}
        </button>
      </div>
      {shownError && <SendErrorNote error={shownError} onFix={(errno) => (errno === "EACCES" ? void setSo(true) : setDraft({ mode: "subnet" }))} />}
      {preview && <p className="mono bc-python">&gt;&gt;&gt; {preview}</p>}
      <RepeatControls fd={sender?.fd ?? null} onRepeat={(count, intervalMs) => send({ count, intervalMs })} />
    </section>
  );
}
