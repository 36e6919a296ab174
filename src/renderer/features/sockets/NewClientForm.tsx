import { useState, type FormEvent } from "react";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { pyAddress, pyName } from "../shell/python";
import { useCall } from "../shell/use-call";

/** socket() + connect(), receiving automatically so replies show in the log. */
export function NewClientForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const sockets = useLabStore((s) => s.sockets);
  const listeners = [...sockets.values()].filter((s) => s.state === "LISTEN" && s.local);
  const first = listeners[0]?.local;
  const [host, setHost] = useState(first ? (first[0] === "0.0.0.0" ? "127.0.0.1" : first[0]) : "127.0.0.1");
  const [port, setPort] = useState(first ? String(first[1]) : "9000");

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const socket = await call("socket", { type: "SOCK_STREAM" }, (r) => `${r ? `${pyName(r.fd)} = ` : ""}socket.socket(socket.AF_INET, socket.SOCK_STREAM)`);
    if (!socket) return;
    const created = socket.value;
    const address: [string, number] = [host, Number(port)];
    await call("auto", { fd: created.fd, recv: true }, null);
    const connected = await call("connect", { fd: created.fd, address }, `${pyName(created.fd)}.connect(${pyAddress(address)})`);
    if (connected === null) {
      await call("close", { fd: created.fd }, null);
      return;
    }
    select(created.fd);
    onDone();
  }

  return (
    <form className="popover" role="dialog" aria-label={t("client.title")} onSubmit={(e) => void submit(e)}>
      <h2>{t("client.title")}</h2>
      {listeners.length > 0 && (
        <label>
          {t("client.pickListener")}
          <select
            aria-label={t("client.pickListener")}
            onChange={(e) => {
              const chosen = listeners.find((l) => String(l.fd) === e.target.value)?.local;
              if (chosen) {
                setHost(chosen[0] === "0.0.0.0" ? "127.0.0.1" : chosen[0]);
                setPort(String(chosen[1]));
              }
            }}
          >
            {listeners.map((l) => (
              <option key={l.fd} value={l.fd}>
                fd {l.fd} · {l.local?.[0]}:{l.local?.[1]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t("server.host")}
        <input className="mono" value={host} onChange={(e) => setHost(e.target.value)} required />
      </label>
      <label>
        {t("server.port")}
        <input className="mono" value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" pattern="\d{1,5}" required />
      </label>
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="primary">
          {t("client.create")}
        </button>
      </div>
    </form>
  );
}
