import { useId, useState, type FormEvent } from "react";
import type { Reply } from "../../../shared/contract";
import { DEFAULT_AGENT_PORT, SHARING_LIMITS, type SharingStatus } from "../../../shared/sharing";
import { QrCode } from "../../components/QrCode";
import { useClipboard } from "../../hooks/use-clipboard";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { parsePort } from "../actions/address";

function StartForm({ onStarted }: { onStarted: (status: SharingStatus) => void }) {
  const t = useT();
  const client = useLabClient();
  const [listen, setListen] = useState("0.0.0.0");
  const [port, setPort] = useState(String(DEFAULT_AGENT_PORT));
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { listen: useId(), port: useId(), name: useId() };
  const portNumber = parsePort(port);
  const badPort = portNumber === null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (portNumber === null || busy) return;
    setBusy(true);
    setProblem(null);
    void client.call("share_start", { listen, port: portNumber, ...(name.trim() ? { name: name.trim() } : {}) }).then((reply) => {
      setBusy(false);
      if (reply.ok) onStarted(reply.result);
      else setProblem(`${reply.error.type}: ${reply.error.message}`);
    });
  };

  return (
    <form className="share-form" aria-label={t("share.title")} onSubmit={submit}>
      <div className="hosts-row">
        <label htmlFor={ids.listen}>
          {t("share.listen")}
          <select id={ids.listen} value={listen} onChange={(e) => setListen(e.target.value)}>
            <option value="0.0.0.0">{t("share.listen.all")}</option>
            <option value="127.0.0.1">{t("share.listen.loopback")}</option>
          </select>
        </label>
        <label htmlFor={ids.port}>
          {t("share.port")}
          <input id={ids.port} className="mono share-port" inputMode="numeric" value={port} aria-invalid={badPort} onChange={(e) => setPort(e.target.value.trim())} />
        </label>
        <label htmlFor={ids.name}>
          {t("share.name")}
          <input id={ids.name} value={name} maxLength={SHARING_LIMITS.nameLength} placeholder={t("share.name.placeholder")} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={badPort || busy}>
          {busy ? t("share.starting") : t("share.start")}
        </button>
      </div>
      {badPort && <p className="hosts-problem">{t("share.port.bad")}</p>}
      {problem && (
        <p className="hosts-outcome error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function Shared({ sharing, onStopped }: { sharing: SharingStatus; onStopped: () => void }) {
  const t = useT();
  const client = useLabClient();
  const showError = useLabStore((s) => s.showError);
  const { copy, feedback } = useClipboard();
  const urlId = useId();
  const refused = sharing.notes.filter((n) => n.note.kind === "refused").slice(-3);
  const after =
    (op: string, then?: () => void) =>
    (reply: Reply<unknown>): void => {
      if (reply.ok) then?.();
      else showError(op, reply.error);
    };
  return (
    <div className="share-live">
      <QrCode text={sharing.url} label={t("share.qr")} />
      <div className="share-details">
        <label htmlFor={urlId} className="share-url">
          {t("share.url")}
          <span className="share-url-row">
            <input id={urlId} className="mono" readOnly value={sharing.url} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void copy(sharing.url, t("share.copied"))}>
              {t("share.copy")}
            </button>
          </span>
        </label>
        {feedback && (
          <p className={feedback.ok ? "hosts-outcome ok" : "hosts-outcome error"} role="status">
            {feedback.text}
          </p>
        )}
        <p className="share-code">{t("share.code", { code: sharing.code })}</p>
        <p className="muted share-note">{t("share.once")}</p>
        <h4>{t("share.consoles")}</h4>
        {sharing.consoles.length === 0 ? (
          <p className="muted share-note">{t("share.consoles.none")}</p>
        ) : (
          <ul className="share-consoles">
            {sharing.consoles.map((c) => (
              <li key={c.id}>
                <span className="host-name">{c.name || c.id}</span> <span className={c.from ? "host-state connected" : "muted"}>{c.from ? t("share.connected", { from: c.from }) : t("share.notConnected")}</span>{" "}
                <button type="button" className="hosts-remove" aria-label={t("share.revoke.label", { name: c.name || c.id })} onClick={() => void client.call("share_revoke", { console: c.id }).then(after("share_revoke"))}>
                  {t("share.revoke")}
                </button>
              </li>
            ))}
          </ul>
        )}
        {refused.map(({ at, note }) =>
          note.kind === "refused" ? (
            <p key={at + note.from} className="hosts-why share-note">
              {t("share.refused", { from: note.from, reason: note.reason })}
            </p>
          ) : null,
        )}
        <div className="actions">
          <button type="button" onClick={() => void client.call("share_stop", {}).then(after("share_stop", onStopped))}>
            {t("share.stop")}
          </button>
        </div>
      </div>
    </div>
  );
}

/** "Let a console drive this Lab": how to serve it, then the URL as text and QR code, and the consoles that paired. */
export function ShareLab({ sharing, onChange, onHide }: { sharing: SharingStatus | null; onChange: (status: SharingStatus | null) => void; onHide: () => void }) {
  const t = useT();
  return (
    <section className="share-lab" aria-label={t("share.title")}>
      <div className="share-head">
        <h3 className="panel-title">{t("share.title")}</h3>
        <p className="muted">{t("share.intro")}</p>
        <button type="button" onClick={onHide}>
          {t("share.hide")}
        </button>
      </div>
      {sharing ? <Shared sharing={sharing} onStopped={() => onChange(null)} /> : <StartForm onStarted={onChange} />}
    </section>
  );
}
