import { useState } from "react";
import type { SocketSnapshot } from "../../../../shared/socket-model";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { firstTarget, parseAddress, targetsFor, type AddressDraft } from "../address";
import { AddressFields } from "./AddressFields";
import { OpForm } from "./OpForm";

export interface FormProps {
  readonly socket: SocketSnapshot;
  readonly onClose: () => void;
}

const loopback = (socket: SocketSnapshot): string => (socket.family === "AF_INET6" ? "::1" : "127.0.0.1");

export function BindForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [draft, setDraft] = useState<AddressDraft>({ host: loopback(socket), port: "0" });
  const address = parseAddress(draft);
  return (
    <OpForm
      op="bind"
      command={address ? { name: "bind", input: { fd: socket.fd, address } } : { problem: "field.badAddress" }}
      onClose={onClose}
      hint={t("hint.bind")}
    >
      <AddressFields value={draft} onChange={setDraft} />
    </OpForm>
  );
}

export function ListenForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [backlog, setBacklog] = useState("5");
  const valid = /^\d{1,5}$/.test(backlog) && Number(backlog) <= 65535;
  return (
    <OpForm
      op="listen"
      command={valid ? { name: "listen", input: { fd: socket.fd, backlog: Number(backlog) } } : { problem: "field.badNumber" }}
      onClose={onClose}
      hint={t("hint.listen")}
    >
      <label className="narrow">
        backlog
        <input className="mono num" value={backlog} onChange={(e) => setBacklog(e.target.value)} inputMode="numeric" />
      </label>
    </OpForm>
  );
}

export function ConnectForm({ socket, onClose, op }: FormProps & { op: "connect" | "connect_ex" }) {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const targets = targetsFor(sockets.values(), socket.type, socket.fd);
  const [draft, setDraft] = useState<AddressDraft>(() => firstTarget(targets, { host: loopback(socket), port: "9000" }));
  const address = parseAddress(draft);
  return (
    <OpForm
      op={op}
      command={address ? { name: op, input: { fd: socket.fd, address } } : { problem: "field.badAddress" }}
      onClose={onClose}
      hint={t(op === "connect" ? "hint.connect" : "hint.connectEx")}
    >
      <AddressFields value={draft} onChange={setDraft} targets={targets} />
    </OpForm>
  );
}

type NoArgOp = "accept" | "getsockname" | "getpeername" | "close";
const NO_ARG_HINTS = { accept: "hint.accept", getsockname: "hint.getsockname", getpeername: "hint.getpeername", close: "hint.close" } as const;

export function NoArgForm({ socket, onClose, op }: FormProps & { op: NoArgOp }) {
  const t = useT();
  return <OpForm op={op} command={{ name: op, input: { fd: socket.fd } }} onClose={onClose} hint={t(NO_ARG_HINTS[op])} />;
}
