import type { BlockedCall } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabNow } from "./use-lab-now";

/** The time left until TimeoutError, as a shrinking bar and seconds; mounted only while a deadline runs. */
function Countdown({ since, deadline }: { since: number; deadline: number }) {
  const t = useT();
  const now = useLabNow();
  const total = deadline - since;
  const left = now === null ? null : Math.max(0, deadline - now);
  return (
    <>
      <div className="bar countdown" aria-hidden>
        <div className="fill" style={{ width: `${left === null || total <= 0 ? 100 : (left / total) * 100}%` }} />
      </div>
      <span className="mono num blocked-left" aria-hidden>
        {left === null ? "…" : t("blocked.left", { n: (left / 1e6).toFixed(1) })}
      </span>
    </>
  );
}

/**
 * "Blocked in recv()…" while a call waits, with a countdown to its
 * TimeoutError. The countdown is drawn, not announced: the status text a
 * screen reader hears stays still.
 */
export function BlockedIndicator({ blocked, onInterrupt }: { blocked: BlockedCall; onInterrupt: (() => void) | null }) {
  const t = useT();
  const { op, since, deadline } = blocked;
  const label = deadline === null ? t("blocked.forever", { op }) : t("blocked.until", { op, n: Number(((deadline - since) / 1e6).toFixed(3)) });

  return (
    <div className="blocked" role="status" aria-label={label}>
      <span className="spinner" aria-hidden />
      <span className="blocked-text">{t("blocked.in", { op })}</span>
      {deadline === null ? <span className="blocked-note">{t("blocked.noTimeout")}</span> : <Countdown since={since} deadline={deadline} />}
      {onInterrupt && (
        <button type="button" className="small interrupt" title={t("blocked.interruptHint")} aria-keyshortcuts="Control+C" onClick={onInterrupt}>
          {t("blocked.interrupt")}
        </button>
      )}
    </div>
  );
}
