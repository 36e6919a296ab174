import { useState } from "react";
import { useT } from "../../../hooks/use-t";
import type { FormProps } from "./connection-forms";
import { OpForm } from "./OpForm";
import { parseSeconds, SecondsChoice, type SecondsDraft } from "./SecondsChoice";

/** The Lab's conveniences for interactive use; scenarios and Python have no such thing. */
export function AutoForm({ socket, onClose }: FormProps) {
  const t = useT();
  const listening = socket.state === "LISTEN";
  const [accept, setAccept] = useState(socket.auto.accept);
  const [recv, setRecv] = useState(socket.auto.recv);
  return (
    <OpForm
      op={t("op.auto")}
      command={{ name: "auto", input: { fd: socket.fd, ...(listening ? { accept } : {}), recv } }}
      onClose={onClose}
      hint={t("hint.auto")}
    >
      {listening && (
        <label className="check">
          <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
          {t("detail.autoAccept")}
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={recv} onChange={(e) => setRecv(e.target.checked)} />
        {t("detail.autoRecv")}
      </label>
    </OpForm>
  );
}

export function IdleCloseForm({ socket, onClose }: FormProps) {
  const t = useT();
  const [draft, setDraft] = useState<SecondsDraft>({ limited: true, seconds: String(socket.idleClose ?? 30) });
  const seconds = parseSeconds(draft);
  const valid = seconds !== undefined && seconds !== 0;
  return (
    <OpForm
      op={t("op.idleClose")}
      command={valid ? { name: "idle_close", input: { fd: socket.fd, seconds } } : { problem: "field.badIdle" }}
      onClose={onClose}
      hint={t("hint.idleClose")}
    >
      <SecondsChoice legend={t("field.idleAfter")} noneLabel="field.idleOff" value={draft} onChange={setDraft} />
    </OpForm>
  );
}
