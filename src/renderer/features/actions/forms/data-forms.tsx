import { useState } from "react";
import { SHUT_NAMES, shutHow, type SocketSnapshot } from "../../../../shared/socket-model";
import type { CommandCall } from "../../../api/calls";
import { type Translate } from "../../../../shared/i18n";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { firstTarget, parseAddress, targetsFor, type AddressDraft } from "../address";
import { parseData } from "../data-input";
import { AddressFields } from "./AddressFields";
import type { FormProps } from "./connection-forms";
import { DataFields, type DataDraft } from "./DataFields";
import { OpForm } from "./OpForm";

export function SendForm({ socket, onClose, op }: FormProps & { op: "send" | "sendall" | "sendto" }) {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const targets = op === "sendto" ? targetsFor(sockets.values(), socket.type, socket.fd) : [];
  const [data, setData] = useState<DataDraft>({ text: "hello", mode: "text" });
  const [draft, setDraft] = useState<AddressDraft>(() => firstTarget(targets, { host: "127.0.0.1", port: "9000" }));
  const parsed = parseData(data.text, data.mode);
  const address = parseAddress(draft);
  let command: CommandCall | { problem: "field.badAddress" | "data.badHex" | "data.badEscape" };
  if (!parsed.ok) command = { problem: parsed.problem };
  else if (op !== "sendto") command = { name: op, input: { fd: socket.fd, data: parsed.data } };
  else command = address ? { name: "sendto", input: { fd: socket.fd, data: parsed.data, address } } : { problem: "field.badAddress" };
  return (
    <OpForm op={op} command={command} onClose={onClose} hint={t(op === "send" ? "hint.send" : op === "sendall" ? "hint.sendall" : "hint.sendto")}>
      <DataFields value={data} onChange={setData} />
      {op === "sendto" && <AddressFields value={draft} onChange={setDraft} targets={targets} />}
    </OpForm>
  );
}

/** What a read will do now, from the socket's timeout: Python's three blocking modes. */
export function waitHint(socket: SocketSnapshot, t: Translate): string {
  if (socket.timeout === null) return t("hint.waitForever");
  if (socket.timeout === 0) return t("hint.waitNever");
  return t("hint.waitUpTo", { n: socket.timeout });
}

export function RecvForm({ socket, onClose, op }: FormProps & { op: "recv" | "recvfrom" }) {
  const t = useT();
  const [bufsize, setBufsize] = useState("1024");
  const valid = /^\d{1,8}$/.test(bufsize) && Number(bufsize) <= 16 * 1024 * 1024;
  return (
    <OpForm
      op={op}
      command={valid ? { name: op, input: { fd: socket.fd, bufsize: Number(bufsize) } } : { problem: "field.badNumber" }}
      onClose={onClose}
      hint={`${t(op === "recv" ? "hint.recv" : "hint.recvfrom")} ${waitHint(socket, t)}`}
    >
      <label className="narrow">
        bufsize
        <input className="mono num" value={bufsize} onChange={(e) => setBufsize(e.target.value)} inputMode="numeric" />
      </label>
    </OpForm>
  );
}

const HINTS = { SHUT_RD: "hint.shutRd", SHUT_WR: "hint.shutWr", SHUT_RDWR: "hint.shutRdwr" } as const;
const HOWS = SHUT_NAMES.map((name) => [shutHow(name), name, HINTS[name]] as const);

export function ShutdownForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [how, setHow] = useState<0 | 1 | 2>(1);
  return (
    <OpForm op="shutdown" command={{ name: "shutdown", input: { fd: socket.fd, how } }} onClose={onClose}>
      <fieldset className="choices">
        <legend>how</legend>
        {HOWS.map(([value, name, hint]) => (
          <label key={value} title={t(hint)}>
            <input type="radio" name="how" checked={how === value} onChange={() => setHow(value)} />
            <span className="mono">{name}</span>
            <span className="choice-hint">{t(hint)}</span>
          </label>
        ))}
      </fieldset>
    </OpForm>
  );
}
