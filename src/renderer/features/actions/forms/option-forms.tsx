import { useState } from "react";
import { SOCKOPT_LEVEL_NAMES, SOCKOPT_LEVELS, READ_ONLY_SOCKOPTS, type SockoptLevel, type SockoptName } from "../../../../shared/scenario/sockopts";
import { useT } from "../../../hooks/use-t";
import type { FormProps } from "./connection-forms";
import { OpForm } from "./OpForm";
import { parseSeconds, SecondsChoice, type SecondsDraft } from "./SecondsChoice";

export function SettimeoutForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [draft, setDraft] = useState<SecondsDraft>({ limited: socket.timeout !== null, seconds: String(socket.timeout ?? 0.5) });
  const seconds = parseSeconds(draft);
  return (
    <OpForm
      op="settimeout"
      command={seconds === undefined ? { problem: "field.badSeconds" } : { name: "settimeout", input: { fd: socket.fd, seconds } }}
      onClose={onClose}
      hint={t("hint.settimeout")}
    >
      <SecondsChoice legend="timeout" noneLabel="field.timeoutNone" value={draft} onChange={setDraft} />
    </OpForm>
  );
}

export function SetblockingForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [flag, setFlag] = useState(socket.timeout !== 0);
  return (
    <OpForm op="setblocking" command={{ name: "setblocking", input: { fd: socket.fd, flag } }} onClose={onClose} hint={t("hint.setblocking")}>
      <fieldset className="choices">
        <legend>flag</legend>
        {[true, false].map((value) => (
          <label key={String(value)}>
            <input type="radio" checked={flag === value} onChange={() => setFlag(value)} />
            <span className="mono">{value ? "True" : "False"}</span>
          </label>
        ))}
      </fieldset>
    </OpForm>
  );
}

/** Options a form offers at a level: setsockopt leaves out the read-only ones (SO_ERROR, SO_TYPE). */
function namesAt(level: SockoptLevel, writable: boolean): readonly SockoptName[] {
  return SOCKOPT_LEVELS[level].filter((name) => !writable || !READ_ONLY_SOCKOPTS.has(name));
}

export function SockoptForm({ socket, onClose, op }: FormProps & { op: "setsockopt" | "getsockopt" }) {
  const t = useT();
  const writable = op === "setsockopt";
  const [level, setLevel] = useState<SockoptLevel>("SOL_SOCKET");
  const [name, setName] = useState<SockoptName>("SO_REUSEADDR");
  const [value, setValue] = useState("1");
  const [linger, setLinger] = useState({ on: true, seconds: "0" });
  const integer = /^-?\d{1,10}$/.test(value) ? Number(value) : null;
  const lingerSeconds = /^\d{1,5}$/.test(linger.seconds) ? Number(linger.seconds) : null;
  const lingerValue: [number, number] | null = lingerSeconds === null ? null : [linger.on ? 1 : 0, lingerSeconds];
  const setValueOf = name === "SO_LINGER" ? lingerValue : integer;

  const command = !writable
    ? ({ name: "getsockopt", input: { fd: socket.fd, level, name } } as const)
    : setValueOf === null
      ? ({ problem: "field.badNumber" } as const)
      : ({ name: "setsockopt", input: { fd: socket.fd, level, name, value: setValueOf } } as const);

  return (
    <OpForm op={op} command={command} onClose={onClose} hint={t(writable ? "hint.setsockopt" : "hint.getsockopt")}>
      <label>
        level
        <select
          className="mono"
          value={level}
          onChange={(e) => {
            const next = SOCKOPT_LEVEL_NAMES.find((l) => l === e.target.value) ?? "SOL_SOCKET";
            setLevel(next);
            setName(namesAt(next, writable)[0]!);
          }}
        >
          {SOCKOPT_LEVEL_NAMES.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label>
        optname
        <select className="mono" value={name} onChange={(e) => setName(namesAt(level, writable).find((n) => n === e.target.value) ?? name)}>
          {namesAt(level, writable).map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      {writable && name !== "SO_LINGER" && (
        <label className="narrow">
          value
          <input className="mono num" value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" />
        </label>
      )}
      {writable && name === "SO_LINGER" && (
        <>
          <label className="check">
            <input type="checkbox" checked={linger.on} onChange={(e) => setLinger({ ...linger, on: e.target.checked })} />
            l_onoff
          </label>
          <label className="narrow">
            l_linger
            <input className="mono num" value={linger.seconds} onChange={(e) => setLinger({ ...linger, seconds: e.target.value })} inputMode="numeric" />
          </label>
        </>
      )}
    </OpForm>
  );
}
