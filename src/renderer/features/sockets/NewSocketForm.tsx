import { useState } from "react";
import { FAMILIES, SOCKET_TYPES, type Family, type SocketType } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { PopoverForm } from "./PopoverForm";
import { useCall } from "../console/use-call";

/** A bare socket.socket(), unbound and manual, for working step by step with the action bar. */
export function NewSocketForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const [family, setFamily] = useState<Family>("AF_INET");
  const [type, setType] = useState<SocketType>("SOCK_STREAM");

  async function submit(): Promise<boolean> {
    const socket = await call("socket", { family, type });
    if (socket) select(socket.value.fd);
    return socket !== null;
  }

  return (
    <PopoverForm title={t("socket.title")} submitLabel={t("socket.create")} onSubmit={submit} onDone={onDone}>
      <label>
        {t("socket.family")}
        <select className="mono" value={family} onChange={(e) => setFamily(FAMILIES.find((f) => f === e.target.value) ?? "AF_INET")}>
          {FAMILIES.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        {t("socket.type")}
        <select className="mono" value={type} onChange={(e) => setType(SOCKET_TYPES.find((s) => s === e.target.value) ?? "SOCK_STREAM")}>
          {SOCKET_TYPES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <p className="popover-note">{t("socket.note")}</p>
    </PopoverForm>
  );
}
