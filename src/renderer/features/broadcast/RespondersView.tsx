import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { arrivalText } from "../log/arrival";
import { endpoint } from "../../model/endpoint";
import { pyName } from "../console/python";
import { HostMap } from "./HostMap";
import { meanRtt, type BroadcastEntry } from "../../model/broadcast/responders";
import { formatRtt, selectedEntry } from "./selectors";

function entryLabel(e: BroadcastEntry, t: ReturnType<typeof useT>): string {
  const sends = e.sends > 1 ? ` ×${e.sends}` : "";
  return t("bc.resp.entry", { id: e.id, sender: pyName(e.fd), dst: endpoint(e.dst), payload: e.preview, sends, n: e.responders.length });
}

/** Who answered the broadcast: a table and a map. Every broadcast keeps its own list; late answers still count. */
export function RespondersView() {
  const t = useT();
  const log = useLabStore((s) => s.castLog);
  const entry = useLabStore(selectedEntry);
  const select = useLabStore((s) => s.selectCast);
  const clear = useLabStore((s) => s.clearCasts);

  return (
    <section className="card bc-card bc-responders" aria-labelledby="bc-responders">
      <div className="bc-card-head">
        <h3 id="bc-responders">{t("bc.resp.title")}</h3>
        {log.entries.length > 0 && (
          <select value={entry?.id ?? ""} onChange={(e) => select(Number(e.target.value))} aria-label={t("bc.resp.pick")}>
            {[...log.entries].reverse().map((e) => (
              <option key={e.id} value={e.id}>
                {entryLabel(e, t)}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="small" onClick={clear} disabled={log.entries.length === 0}>
          {t("bc.resp.clear")}
        </button>
      </div>
      {log.trimmed > 0 && <p className="dropped">{t("bc.resp.trimmed", { n: log.trimmed })}</p>}
      {!entry ? (
        <p className="muted">{t("bc.resp.none")}</p>
      ) : (
        <div className="bc-resp-body">
          <div className="bc-resp-table">
            <p className="bc-resp-summary">
              <span className={`cast ${entry.cast}`}>{t(entry.cast === "broadcast" ? "bc.resp.broadcast" : "bc.resp.multicast")}</span>{" "}
              <span className="mono">
                {pyName(entry.fd)} → {endpoint(entry.dst)} “{entry.preview}”
              </span>{" "}
              <span className="muted">{t("bc.resp.sends", { count: entry.sends })}</span>
            </p>
            <table className="data-table bc-table" aria-label={t("bc.resp.table")}>
              <thead>
                <tr>
                  <th scope="col">{t("bc.resp.responder")}</th>
                  <th scope="col" className="num">
                    {t("bc.resp.replies")}
                  </th>
                  <th scope="col" className="num">
                    {t("bc.resp.rttLast")}
                  </th>
                  <th scope="col" className="num">
                    {t("bc.resp.rttMin")}
                  </th>
                  <th scope="col" className="num">
                    {t("bc.resp.rttMean")}
                  </th>
                  <th scope="col">{t("bc.resp.reply")}</th>
                </tr>
              </thead>
              <tbody>
                {entry.responders.map((r) => {
                  const arrived = r.arrival.dst ? arrivalText(t, endpoint(r.arrival.dst), r.arrival.cast, r.arrival.ifname) : null;
                  return (
                    <tr key={r.key}>
                      <td className="mono">
                        {endpoint(r.address)}
                        {r.fd !== null && <span className="muted"> · {pyName(r.fd)}</span>}
                        {arrived && <span className="bc-arrival muted">{arrived}</span>}
                      </td>
                      <td className="mono num">{r.replies}</td>
                      <td className="mono num">{formatRtt(r.rtt.last)}</td>
                      <td className="mono num">{formatRtt(r.rtt.min)}</td>
                      <td className="mono num">{formatRtt(meanRtt(r.rtt))}</td>
                      <td className="mono preview">{r.preview}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {entry.responders.length === 0 && <p className="muted">{t("bc.resp.noAnswer")}</p>}
            {entry.respondersTrimmed > 0 && <p className="dropped">{t("bc.resp.respondersTrimmed", { count: entry.respondersTrimmed })}</p>}
            <p className="popover-note">{t("bc.resp.rttNote")}</p>
          </div>
          <HostMap entry={entry} />
        </div>
      )}
    </section>
  );
}
