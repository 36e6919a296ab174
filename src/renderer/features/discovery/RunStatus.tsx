import { noteText } from "../../../shared/discovery/notes";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { useNow } from "./use-discovery-poll";

/** The run under way (or the last one): where, how long, how much was heard, and the Lab's notes. */
export function RunStatus() {
  const t = useT();
  const run = useLabStore((s) => s.discovery.run);
  const devices = useLabStore((s) => s.discovery.rollCall.rows.size);
  const notes = useLabStore((s) => s.discovery.notes);
  const messagesDropped = useLabStore((s) => s.discovery.messagesDropped);
  const now = useNow(250);
  if (!run) return <p className="disc-status muted">{t("disc.status.idle")}</p>;
  const ifaces = run.interfaces.map((i) => i.name).join(", ");
  const running = run.done === null;
  const end = running ? now : Math.min(now, run.endsAt ?? now);
  const elapsed = Math.max(0, (end - run.startedAt) / 1000);
  const total = run.endsAt === null ? null : (run.endsAt - run.startedAt) / 1000;
  const text = !running
    ? t("disc.status.done", { ifaces, elapsed: elapsed.toFixed(1), reason: t(`disc.reason.${run.done}`) })
    : run.passive || total === null
      ? t("disc.status.listening", { ifaces, elapsed: elapsed.toFixed(0) })
      : t("disc.status.probing", { ifaces, elapsed: Math.min(elapsed, total).toFixed(1), total: String(total) });
  return (
    <div className="disc-status" aria-live="polite">
      <p>
        <span className={running ? "disc-live" : undefined}>{text}</span>
        <span className="muted"> · {t("disc.status.counts", { datagrams: run.datagrams, devices })}</span>
      </p>
      {running && total !== null && !run.passive && <progress aria-label={t("disc.progress")} max={total} value={Math.min(elapsed, total)} />}
      {run.dropped > 0 && <p className="dropped">{t("disc.status.dropped", { count: run.dropped })}</p>}
      {messagesDropped > 0 && <p className="dropped">{t("disc.messagesDropped", { count: messagesDropped })}</p>}
      {notes.length > 0 && (
        <details className="disc-notes">
          <summary>
            {t("disc.notes")} <span className="count num">{notes.length}</span>
          </summary>
          <ul>
            {notes.map((n, i) => (
              <li key={i}>{noteText(t, n)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
