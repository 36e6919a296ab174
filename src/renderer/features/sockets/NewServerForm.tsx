import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { parseAddress, type AddressDraft } from "../actions/address";
import { AddressFields } from "../actions/forms/AddressFields";
import { PopoverForm } from "./PopoverForm";
import { useCall } from "../console/use-call";
import { LabAutoChoices } from "./LabAutoChoices";

/**
 * socket() + bind() + listen(). Auto-accept is on by default (a quick demo
 * wants the connection to appear), auto-recv off: an accepted connection
 * queues bytes until recv(), as in Python.
 */
export function NewServerForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const [draft, setDraft] = useState<AddressDraft>({ host: "127.0.0.1", port: "9000" });
  const [accept, setAccept] = useState(true);
  const [recv, setRecv] = useState(false);

  async function submit(): Promise<boolean> {
    const address = parseAddress(draft);
    if (!address) return false;
    const socket = await call("socket", { type: "SOCK_STREAM" });
    if (!socket) return false;
    const { fd } = socket.value;
    const ok = (await call("bind", { fd, address })) !== null && (await call("listen", { fd, backlog: 5 })) !== null;
    if (!ok) {
      await call("close", { fd }, { cleanup: true });
      return false;
    }
    if (accept || recv) await call("auto", { fd, accept, recv });
    select(fd);
    return true;
  }

  return (
    <PopoverForm title={t("server.title")} submitLabel={t("server.create")} onSubmit={submit} onDone={onDone}>
      <AddressFields value={draft} onChange={setDraft} />
      <LabAutoChoices accept={accept} onAccept={setAccept} recv={recv} onRecv={setRecv} />
    </PopoverForm>
  );
}
