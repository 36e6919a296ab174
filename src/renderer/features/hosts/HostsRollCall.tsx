import { useMemo } from "react";
import { LOCAL_HOST } from "../../../shared/hosts";
import type { Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { rollCall, type RollCallHost, type Silence } from "../../model/hosts/roll-call";
import { rowTime, uncertaintyMs } from "../../model/hosts/timeline";

function why(t: Translate, s: Silence): string {
  switch (s.code) {
    case "lost":
      return t("rc.lost", { why: s.why });
    case "no-socket":
      return t("rc.noSocket", { port: s.port });
    case "bound-elsewhere":
      return t("rc.boundElsewhere", { port: s.port, bound: s.bound.join(", ") });
    case "other-subnet":
      return t("rc.otherSubnet", { broadcast: s.broadcast, subnets: s.subnets.join(", ") || "–" });
    case "nothing-arrived":
      return s.drops === null ? t("rc.nothingArrived", { port: s.port }) : t("rc.nothingArrivedDrops", { port: s.port, drops: s.drops });
  }
}

/**
 * Who heard the datagram picked in the timeline: for every host (this
 * console's Lab first), whether its sockets received it, where it came in
 * and to which address, whether it answered, and why not when it did not.
 */
export function HostsRollCall() {
  const t = useT();
  const picked = useLabStore((s) => s.hostPicked);
  const pick = useLabStore((s) => s.pickHostRow);
  const rows = useLabStore((s) => s.hostRows);
  const hosts = useLabStore((s) => s.hosts);
  const localSockets = useLabStore((s) => s.sockets);
  const interfaces = useLabStore((s) => s.interfaces);
  const sent = rows.find((r) => r.i === picked) ?? null;
  const table = useMemo(() => {
    if (!sent) return [];
    const local: RollCallHost = { name: LOCAL_HOST, state: "local", lostBecause: null, sockets: [...localSockets.values()], interfaces, udp: null };
    const remote = hosts.map((h): RollCallHost => ({ name: h.name, state: h.state, lostBecause: h.lostBecause, sockets: h.sockets, interfaces: h.interfaces, udp: h.udp }));
    return rollCall(sent, rows, [local, ...remote]);
  }, [sent, rows, hosts, localSockets, interfaces]);
  if (!sent) return null;
  const heard = table.filter((r) => r.heard).length;
  return (
    <section className="hosts-card rc" aria-label={t("rc.title")}>
      <div className="rc-head">
        <h3 className="panel-title">{t("rc.title")}</h3>
        <p className="mono">
          {t("rc.sent", { host: sent.host, fd: sent.fd, len: sent.len ?? 0, text: sent.text, dst: sent.dst ?? "", time: rowTime(sent.t) })}
        </p>
        <span className="muted">{t("rc.summary", { heard, n: table.length })}</span>
        <button type="button" onClick={() => pick(null)}>
          {t("rc.close")}
        </button>
      </div>
      <table className="data-table rc-table">
        <thead>
          <tr>
            <th scope="col">{t("hosts.col.host")}</th>
            <th scope="col">{t("rc.col.heard")}</th>
            <th scope="col">{t("rc.col.where")}</th>
            <th scope="col">{t("rc.col.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {table.map((r) => (
            <tr key={r.host} data-host={r.host} className={r.heard ? "rc-heard" : "rc-silent"}>
              <td className="mono host-name">{r.host}</td>
              {r.heard ? (
                <>
                  <td>
                    <span className="host-state connected">{t("rc.heard", { fd: r.fd })}</span>{" "}
                    <span className="mono muted">
                      {rowTime(r.t)} ±{uncertaintyMs(r.uncertainty)}
                    </span>
                  </td>
                  <td className="mono">{r.ifname ? t("rc.where", { dst: r.dst ?? "", ifname: r.ifname }) : (r.dst ?? "")}</td>
                  <td className="mono">{r.answer ? t("rc.answer", { len: r.answer.len ?? 0, text: r.answer.text }) : <span className="muted">{t("rc.noAnswer")}</span>}</td>
                </>
              ) : (
                <td colSpan={3}>
                  <span className="host-state lost">{t("rc.silent")}</span> <span className="rc-why">{why(t, r.why)}</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
