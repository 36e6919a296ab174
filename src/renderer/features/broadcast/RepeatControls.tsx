import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { useRunCommand } from "../console/use-call";
import { parseCount } from "./selectors";

/** The largest repeat the form accepts; the Lab allows more, a classroom never needs it. */
const MAX_TIMES = 10_000;

/** "Every N ms, M times": a beacon, with its progress and a stop button. */
export function RepeatControls({ fd, onRepeat }: { fd: number | null; onRepeat: (count: number, intervalMs: number) => Promise<void> }) {
  const t = useT();
  const run = useRunCommand();
  const draft = useLabStore((s) => s.senderDraft);
  const setDraft = useLabStore((s) => s.setSenderDraft);
  const jobs = useLabStore((s) => s.repeatJobs);
  const job = fd === null ? undefined : [...jobs.values()].filter((j) => j.fd === fd).at(-1);
  const times = parseCount(draft.times, MAX_TIMES);
  const every = Number(draft.everyMs);
  const everyOk = draft.everyMs.trim() !== "" && Number.isFinite(every) && every >= 0 && every <= 3_600_000;
  const running = job !== undefined && !job.done;

  return (
    <div className="bc-repeat">
      <label>
        {t("bc.send.every")}
        <input
          className="mono num"
          value={draft.everyMs}
          onChange={(e) => setDraft({ everyMs: e.target.value })}
          aria-label={t("bc.send.everyLabel")}
          aria-invalid={!everyOk}
          inputMode="numeric"
        />
        <span className="unit">ms</span>
      </label>
      <label>
        {t("bc.send.times")}
        <input
          className="mono num"
          value={draft.times}
          onChange={(e) => setDraft({ times: e.target.value })}
          aria-label={t("bc.send.timesLabel")}
          aria-invalid={times === null}
          inputMode="numeric"
        />
      </label>
      <button type="button" disabled={running || times === null || !everyOk} onClick={() => void onRepeat(times ?? 1, every)}>
        {t("bc.send.repeat")}
      </button>
      {job && (
        <span className="bc-progress">
          <progress value={job.sent} max={job.total} aria-label={t("bc.send.progress")} />
          <span className="mono num">{t("bc.send.sentOf", { sent: job.sent, total: job.total })}</span>
          {running && (
            <button type="button" className="danger small" onClick={() => void run({ name: "cancel_job", input: { job: job.job } })}>
              {t("bc.send.stop")}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
