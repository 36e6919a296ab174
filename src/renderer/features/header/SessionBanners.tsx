import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { endpoint } from "../../model/endpoint";
import { pyName } from "../console/python";
import { useCall } from "../console/use-call";
import "./session.css";

/**
 * The Lab's sockets outlive a page; when this page could not restore the
 * one that opened them, it says so instead of showing them as if they were
 * its own (a "+ TCP server" on their port would fail with EADDRINUSE, and
 * a client would quietly connect to the old listener). Start clean closes
 * each through the normal `close` command, so the console and the log show
 * it; those closes stay out of the recording, which never made them.
 */
export function EarlierSocketsBanner() {
  const t = useT();
  const unclaimed = useLabStore((s) => s.unclaimed);
  const sockets = useLabStore((s) => s.sockets);
  const keep = useLabStore((s) => s.keepUnclaimed);
  const call = useCall();
  const [closing, setClosing] = useState(false);
  const listed = unclaimed.flatMap((fd) => {
    const socket = sockets.get(fd);
    return socket ? [socket] : [];
  });
  if (listed.length === 0) return null;

  async function startClean(): Promise<void> {
    setClosing(true);
    // Each close event takes its socket off the list; one that fails stays on it, with the error shown.
    for (const socket of listed) await call("close", { fd: socket.fd }, { record: false });
    setClosing(false);
  }

  return (
    <section className="banner warn earlier-sockets" aria-labelledby="earlier-sockets-title" aria-describedby="earlier-sockets-why">
      <div className="earlier-text">
        <p id="earlier-sockets-title" className="earlier-title">
          {t("session.earlier", { count: listed.length })}
        </p>
        <ul className="earlier-list" aria-label={t("session.region")}>
          {listed.map((s) => (
            <li key={s.fd} className="mono">
              <strong>{pyName(s.fd)}</strong> {s.type === "SOCK_STREAM" ? "TCP" : "UDP"} {endpoint(s.local)}
              {s.remote ? ` ⇄ ${endpoint(s.remote)}` : ""} <span className="earlier-state">{s.state}</span>
            </li>
          ))}
        </ul>
        <p id="earlier-sockets-why" className="earlier-why">
          {t("session.earlierWhy")}
        </p>
      </div>
      <div className="earlier-actions">
        <button type="button" disabled={closing} onClick={keep}>
          {t("session.keep", { count: listed.length })}
        </button>
        <button type="button" className="danger" disabled={closing} onClick={() => void startClean()}>
          {closing ? t("session.closing") : t("session.startClean", { count: listed.length })}
        </button>
      </div>
    </section>
  );
}

/** What a restore after a reload could not keep (a tab stores a bounded amount), until dismissed. */
export function RestoreNoteBanner() {
  const t = useT();
  const note = useLabStore((s) => s.restoreNote);
  const kept = useLabStore((s) => s.recording.steps.length);
  const language = useLabStore((s) => s.language);
  const dismiss = useLabStore((s) => s.setRestoreNote);
  if (!note) return null;
  const n = (value: number) => value.toLocaleString(language);
  const parts = [
    note.logRows > 0 ? t("session.cutLog", { count: note.logRows }) : null,
    note.recordingSteps > 0 ? t("session.cutRecording", { kept: n(kept), count: note.recordingSteps }) : null,
    note.consoleLines > 0 ? t("session.cutConsole", { count: note.consoleLines }) : null,
  ].filter((part) => part !== null);
  return (
    <div className="banner info" role="status">
      <span>{t("session.restored", { list: parts.join(t("session.listSep")) })}</span>
      <button type="button" onClick={() => dismiss(null)}>
        {t("error.dismiss")}
      </button>
    </div>
  );
}
