import { useState } from "react";
import type { Family } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { useCall } from "../console/use-call";
import { parsePort, udpSockets } from "./selectors";

/**
 * The tutorial's receiver: SO_REUSEADDR (so several share the port),
 * SO_BROADCAST (harmless; only sending needs it), bind(('', port)), and the
 * Lab's auto-reply answering each datagram by unicast.
 */
export function ReceiverForm() {
  const t = useT();
  const call = useCall();
  const sockets = useLabStore((s) => s.sockets);
  const senderFd = useLabStore((s) => s.senderFd);
  const draftPort = useLabStore((s) => s.senderDraft.port);
  const setSenderDraft = useLabStore((s) => s.setSenderDraft);
  const shared = udpSockets(sockets).find((s) => s.fd !== senderFd && s.local && s.local[1] !== 0)?.local?.[1];
  const [host, setHost] = useState("");
  const [port, setPort] = useState<string | null>(null);
  const [family, setFamily] = useState<Family>("AF_INET");
  const [reuse, setReuse] = useState(true);
  const [broadcast, setBroadcast] = useState(true);
  const [reply, setReply] = useState(true);
  const [replyText, setReplyText] = useState("ACK");
  // Until edited, the port follows the receivers already there, else the sender's destination port.
  const portText = port ?? String(shared ?? draftPort);
  const portNumber = parsePort(portText);

  async function add(): Promise<void> {
    if (portNumber === null) return;
    const made = await call("socket", { family, type: "SOCK_DGRAM" });
    if (!made) return;
    const { fd } = made.value;
    const setOpt = (name: "SO_REUSEADDR" | "SO_BROADCAST") => call("setsockopt", { fd, level: "SOL_SOCKET", name, value: 1 });
    if ((reuse && !(await setOpt("SO_REUSEADDR"))) || (broadcast && !(await setOpt("SO_BROADCAST")))) return void call("close", { fd }, { cleanup: true });
    if ((await call("bind", { fd, address: [host, portNumber] })) === null) return void call("close", { fd }, { cleanup: true });
    // The ACK receiver is the Lab's auto-reply (it reads each datagram to answer it); without a reply, datagrams queue for recvfrom() as in Python.
    if (reply) await call("auto", { fd, reply: replyText });
    setPort(null);
    // The sender aims where the receivers listen: a port 0 bind got its number from the system.
    const bound = await call("getsockname", { fd });
    if (bound) setSenderDraft({ port: String(bound.value[1]) });
  }

  return (
    <form
      className="bc-receiver-form"
      aria-label={t("bc.recv.form")}
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <div className="bc-row">
        <label>
          {t("field.host")}
          <input className="mono" value={host} onChange={(e) => setHost(e.target.value)} placeholder={t("bc.recv.anyHost")} />
        </label>
        <label className="narrow">
          {t("field.port")}
          <input className="mono num" value={portText} onChange={(e) => setPort(e.target.value)} aria-invalid={portNumber === null} inputMode="numeric" title={t("field.portHint")} />
        </label>
        <label>
          {t("socket.family")}
          <select value={family} onChange={(e) => setFamily(e.target.value === "AF_INET6" ? "AF_INET6" : "AF_INET")}>
            <option value="AF_INET">AF_INET</option>
            <option value="AF_INET6">AF_INET6</option>
          </select>
        </label>
      </div>
      <div className="bc-row">
        <label className="check">
          <input type="checkbox" checked={reuse} onChange={(e) => setReuse(e.target.checked)} />
          <span className="mono">SO_REUSEADDR</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={broadcast} onChange={(e) => setBroadcast(e.target.checked)} />
          <span className="mono">SO_BROADCAST</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={reply} onChange={(e) => setReply(e.target.checked)} />
          <span>
            <span className="lab-badge">{t("lab.notPython")}</span> {t("bc.recv.autoReply")}
          </span>
        </label>
        <input className="mono reply-text" value={replyText} onChange={(e) => setReplyText(e.target.value)} aria-label={t("bc.recv.replyText")} disabled={!reply} />
        <button type="submit" className="primary" disabled={portNumber === null}>
          {t("bc.recv.add")}
        </button>
      </div>
      <p className="popover-note">{t("bc.recv.note")}</p>
    </form>
  );
}
