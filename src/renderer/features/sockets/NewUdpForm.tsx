import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { parseAddress, type AddressDraft } from "../actions/address";
import { AddressFields } from "../actions/forms/AddressFields";
import { PopoverForm } from "./PopoverForm";
import { useCall } from "../console/use-call";

/**
 * socket(SOCK_DGRAM) + bind(). Auto-recv stays off, so datagrams wait in the
 * receive queue and recvfrom() shows each one with its sender.
 */
export function NewUdpForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const [draft, setDraft] = useState<AddressDraft>({ host: "127.0.0.1", port: "0" });

  async function submit(): Promise<boolean> {
    const address = parseAddress(draft);
    if (!address) return false;
    const socket = await call("socket", { type: "SOCK_DGRAM" });
    if (!socket) return false;
    const { fd } = socket.value;
    if ((await call("bind", { fd, address })) === null) {
      await call("close", { fd }, { cleanup: true });
      return false;
    }
    select(fd);
    return true;
  }

  return (
    <PopoverForm title={t("udp.title")} submitLabel={t("udp.create")} onSubmit={submit} onDone={onDone}>
      <AddressFields value={draft} onChange={setDraft} />
      <p className="popover-note">{t("udp.note")}</p>
    </PopoverForm>
  );
}
