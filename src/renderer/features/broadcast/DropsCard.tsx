import { useState } from "react";
import type { KernelUdpStats } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { pyName } from "../console/python";
import { udpSockets } from "./selectors";
import { useKernelUdpStats } from "./use-kernel-stats";

/**
 * Two kinds of loss side by side: the kernel's (a socket buffer was full
 * before the Lab could read: RcvbufErrors, for the whole host) and the
 * Lab's own (its receive queue, bounded by SO_RCVBUF, was full: per socket).
 * Counts since this panel opened, so other programs' old drops do not show.
 */
export function DropsCard() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const [polling, setPolling] = useState(true);
  const { stats, refresh } = useKernelUdpStats(polling);

  const udp = udpSockets(sockets);
  const labDrops = udp.reduce((sum, s) => sum + s.drops, 0);
  const since = (key: keyof KernelUdpStats) => (stats && stats !== "unavailable" ? stats.now[key] - stats.baseline[key] : 0);

  return (
    <section className="card bc-card bc-drops" aria-labelledby="bc-drops">
      <div className="bc-card-head">
        <h3 id="bc-drops">{t("bc.drops.title")}</h3>
        <label className="check">
          <input type="checkbox" checked={polling} onChange={(e) => setPolling(e.target.checked)} />
          <span>{t("bc.drops.poll")}</span>
        </label>
        <button type="button" className="small" onClick={() => void refresh()}>
          {t("bc.drops.refresh")}
        </button>
      </div>
      <div className="bc-drops-grid">
        <div>
          <h4>{t("bc.drops.kernel")}</h4>
          {stats === "unavailable" ? (
            <p className="muted">{t("bc.drops.unavailable")}</p>
          ) : (
            <dl className="bc-stats">
              <dt>{t("bc.drops.rcvbuf")}</dt>
              <dd className="mono num" aria-label={t("bc.drops.rcvbuf")}>
                <span className={since("rcvbufErrors") > 0 ? "warn-text" : ""}>{since("rcvbufErrors")}</span>
              </dd>
              <dt>{t("bc.drops.inDatagrams")}</dt>
              <dd className="mono num">{since("inDatagrams")}</dd>
              <dt>{t("bc.drops.noPorts")}</dt>
              <dd className="mono num">{since("noPorts")}</dd>
              <dt>{t("bc.drops.inErrors")}</dt>
              <dd className="mono num">{since("inErrors")}</dd>
            </dl>
          )}
        </div>
        <div>
          <h4>{t("bc.drops.lab")}</h4>
          <dl className="bc-stats">
            <dt>{t("bc.drops.labTotal")}</dt>
            <dd className="mono num" aria-label={t("bc.drops.labTotal")}>
              <span className={labDrops > 0 ? "warn-text" : ""}>{labDrops}</span>
            </dd>
            {udp
              .filter((s) => s.drops > 0)
              .map((s) => (
                <div key={s.fd} className="bc-stat-row">
                  <dt className="mono">{pyName(s.fd)}</dt>
                  <dd className="mono num">{s.drops}</dd>
                </div>
              ))}
          </dl>
        </div>
      </div>
      <p className="popover-note">{t("bc.drops.note")}</p>
    </section>
  );
}
