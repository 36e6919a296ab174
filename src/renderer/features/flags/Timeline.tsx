import { pollFlagNames } from "../../../shared/poll-flags";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { relativeTime } from "../log/table/columns";
import { pyName } from "../console/python";
import { causeText } from "./cause-text";
import { toneOf } from "../../model/flags/flag-meta";
import type { FlagChange } from "../../model/flags/timeline";

/** The strip shows the latest changes; the store keeps a few hundred. */
const SHOWN = 80;

function Bits({ bits, on }: { bits: number; on: boolean }) {
  if (bits === 0) return null;
  return (
    <span className={`bits ${on ? "went-on" : "went-off"}`}>
      <span className="arrow" aria-hidden>
        {on ? "▲" : "▽"}
      </span>
      {pollFlagNames(bits).map((name) => (
        <span key={name} className={`bit mono tone-${toneOf(name)}`}>
          {name}
        </span>
      ))}
    </span>
  );
}

/** Every change of a watched fd's flags, newest first, with the event that caused it. */
export function Timeline() {
  const t = useT();
  const timeline = useLabStore((s) => s.flagTimeline);
  const own = useLabStore((s) => s.ownWatchers);
  const clear = useLabStore((s) => s.clearFlagTimeline);
  // The log's clock: a change reads the same time as the row of the event that caused it.
  const t0 = useLabStore((s) => s.log.t0);
  const shown: FlagChange[] = timeline.filter((entry) => own.includes(entry.watcher)).slice(-SHOWN).reverse();

  return (
    <div className="timeline">
      <div className="timeline-head">
        <span className="chooser-label">{t("flags.timeline")}</span>
        <button type="button" className="small" onClick={clear} disabled={shown.length === 0}>
          {t("flags.clear")}
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted flags-hint">{t("flags.timelineEmpty")}</p>
      ) : (
        <ol className="changes" aria-label={t("flags.timeline")}>
          {shown.map((entry) => {
            const words = [entry.on ? t("flags.wentOn", { flags: pollFlagNames(entry.on).join(" ") }) : "", entry.off ? t("flags.wentOff", { flags: pollFlagNames(entry.off).join(" ") }) : ""];
            const because = causeText(entry.cause, entry.fd, t);
            return (
              <li key={`${entry.watcher}:${entry.seq}`} aria-label={`${pyName(entry.fd)}: ${words.filter(Boolean).join(", ")}; ${t("flags.cause", { cause: because })}`}>
                <span className="when mono num">{relativeTime(entry.t, t0)}</span>
                <span className="who mono">{pyName(entry.fd)}</span>
                <span className="what">
                  <Bits bits={entry.on} on />
                  <Bits bits={entry.off} on={false} />
                </span>
                <span className="cause">{t("flags.cause", { cause: because })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
