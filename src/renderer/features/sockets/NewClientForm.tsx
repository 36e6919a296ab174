import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { firstTarget, parseAddress, targetsFor, type AddressDraft } from "../actions/address";
import { AddressFields } from "../actions/forms/AddressFields";
import { PopoverForm } from "./PopoverForm";
import { useCall } from "../console/use-call";
import { LabAutoChoices } from "./LabAutoChoices";

/** socket() + connect(); replies wait in the receive queue for recv() unless auto-recv is picked. */
export function NewClientForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const sockets = useLabStore((s) => s.sockets);
  const targets = targetsFor(sockets.values(), "SOCK_STREAM");
  const [draft, setDraft] = useState<AddressDraft>(() => firstTarget(targets, { host: "127.0.0.1", port: "9000" }));
  const [recv, setRecv] = useState(false);

  async function submit(): Promise<boolean> {
    const address = parseAddress(draft);
    if (!address) return false;
    const socket = await call("socket", { type: "SOCK_STREAM" });
    if (!socket) return false;
    const { fd } = socket.value;
    if (recv) await call("auto", { fd, recv: true });
    if ((await call("connect", { fd, address })) === null) {
      await call("close", { fd }, { cleanup: true });
      return false;
    }
    select(fd);
    return true;
  }

  return (
    <PopoverForm title={t("client.title")} submitLabel={t("client.create")} onSubmit={submit} onDone={onDone}>
      <AddressFields value={draft} onChange={setDraft} targets={targets} />
      <LabAutoChoices recv={recv} onRecv={setRecv} />
    </PopoverForm>
  );
}
