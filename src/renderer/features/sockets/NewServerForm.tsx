import { useState, type FormEvent } from "react";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { pyAddress, pyName } from "../shell/python";
import { useCall } from "../shell/use-call";

/** socket() + bind() + listen(), with auto-accept and auto-recv for interactive use. */
export function NewServerForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const [host, setHost] = useState("127.0.0.1");
  const [port, setPort] = useState("9000");

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const socket = await call("socket", { type: "SOCK_STREAM" }, (r) => `${r ? `${pyName(r.fd)} = ` : ""}socket.socket(socket.AF_INET, socket.SOCK_STREAM)`);
    if (!socket) return;
    const created = socket.value;
    const name = pyName(created.fd);
    const address: [string, number] = [host, Number(port)];
    const ok =
      (await call("bind", { fd: created.fd, address }, `${name}.bind(${pyAddress(address)})`)) !== null &&
      (await call("listen", { fd: created.fd, backlog: 5 }, `${name}.listen(5)`)) !== null;
    if (!ok) {
      await call("close", { fd: created.fd }, null);
      return;
    }
    await call("auto", { fd: created.fd, accept: true, recv: true }, null);
    select(created.fd);
    onDone();
  }

  return (
    <form className="popover" role="dialog" aria-label={t("server.title")} onSubmit={(e) => void submit(e)}>
      <h2>{t("server.title")}</h2>
      <label>
        {t("server.host")}
        <input className="mono" value={host} onChange={(e) => setHost(e.target.value)} required />
      </label>
      <label>
        {t("server.port")}
        <input className="mono" value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" pattern="\d{1,5}" required title={t("server.portHint")} />
      </label>
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="primary">
          {t("server.create")}
        </button>
      </div>
    </form>
  );
}
