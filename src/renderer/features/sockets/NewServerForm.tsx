import { useState } from "react";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { parseAddress, type AddressDraft } from "../actions/address";
import { AddressFields } from "../actions/forms/AddressFields";
import { PopoverForm } from "../shell/PopoverForm";
import { useCall } from "../shell/use-call";

/** socket() + bind() + listen(), with auto-accept and auto-recv for a quick interactive demo. */
export function NewServerForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const call = useCall();
  const select = useLabStore((s) => s.select);
  const [draft, setDraft] = useState<AddressDraft>({ host: "127.0.0.1", port: "9000" });

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
    await call("auto", { fd, accept: true, recv: true });
    select(fd);
    return true;
  }

  return (
    <PopoverForm title={t("server.title")} submitLabel={t("server.create")} onSubmit={submit} onDone={onDone}>
      <AddressFields value={draft} onChange={setDraft} />
    </PopoverForm>
  );
}
