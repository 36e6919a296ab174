import type { BlockedCall } from "../../../shared/socket-model";
import { useT } from "../../i18n";
import { useLabNow } from "./use-lab-now";

/**
 * "Blocked in recv()…" while a call waits, with a countdown to its
 * TimeoutError. The countdown is drawn, not announced: the status text a
 * screen reader hears stays still.
 */
export function BlockedIndicator({ blocked }: { blocked: BlockedCall }) {
  const t = useT();
  const now = useLabNow();
  const { deadline, since } = blocked;
  const total = deadline === null ? null : (deadline - since) / 1e6;
  const left = deadline === null || now === null ? null : Math.max(0, (deadline - now) / 1e6);
  const label =
    total === null ? t("blocked.forever", { op: blocked.op }) : t("blocked.until", { op: blocked.op, n: Number(total.toFixed(3)) });

  return (
    <div className="blocked" role="status" aria-label={label}>
      <span className="spinner" aria-hidden />
      <span className="blocked-text">{t("blocked.in", { op: blocked.op })}</span>
      {total === null ? (
        <span className="blocked-note">{t("blocked.noTimeout")}</span>
      ) : (
        <>
          <div className="bar countdown" aria-hidden>
            <div className="fill" style={{ width: `${left === null || total === 0 ? 100 : (left / total) * 100}%` }} />
          </div>
          <span className="mono num blocked-left" aria-hidden>
            {left === null ? "…" : t("blocked.left", { n: left.toFixed(1) })}
          </span>
        </>
      )}
    </div>
  );
}
