import { HOSTS_LIMITS, signedMs, type HostStatus } from "../../../shared/hosts";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { ppmText, uncertaintyMs } from "../../model/hosts/timeline";

function ClockCell({ host }: { host: HostStatus }) {
  const t = useT();
  const c = host.clock;
  if (!c) return <span className="muted">{t("hosts.clock.measuring")}</span>;
  const offset = signedMs(c.offsetUs);
  const uncertainty = uncertaintyMs(c.uncertaintyUs);
  return (
    <span className="mono" title={t("hosts.clock.title", { offset, uncertainty, samples: c.samples })}>
      {t("hosts.clock.offset", { offset })} <span className="muted">{t("hosts.clock.uncertainty", { uncertainty })}</span>
      {c.drift !== null && <span className="muted"> · {t("hosts.clock.drift", { ppm: ppmText(c.drift.ppm), bound: ppmText(c.drift.uncertaintyPpm) })}</span>}
    </span>
  );
}

function Row({ host }: { host: HostStatus }) {
  const t = useT();
  const client = useLabClient();
  const removed = useLabStore((s) => s.hostRemoved);
  const showError = useLabStore((s) => s.showError);
  const language = useLabStore((s) => s.language);
  const remove = (): void =>
    void client.call("hosts_remove", { name: host.name }).then((reply) => {
      if (reply.ok) removed(host.name);
      else showError("hosts_remove", reply.error);
    });
  return (
    <tr data-host={host.name} className={`host-${host.state}`}>
      <td>
        <span className="mono host-name">{host.name}</span>{" "}
        <span className="muted">
          {host.agent} · <span className="mono">{host.address}</span>
        </span>
      </td>
      <td>
        <span className={`host-state ${host.state}`}>{t(`hosts.state.${host.state}`)}</span>
        {host.state === "lost" && host.attempts > 0 && <span className="hosts-sub muted">{t("hosts.attempts", { count: host.attempts })}</span>}
        {host.lostBecause && <span className="hosts-sub hosts-why">{host.lostBecause}</span>}
        {host.restarts > 0 && <span className="hosts-sub hosts-why">{t("hosts.restarts", { count: host.restarts })}</span>}
      </td>
      <td>
        <ClockCell host={host} />
      </td>
      <td className="num mono">
        {host.events.toLocaleString(language)}
        <span className={host.missed > 0 ? "hosts-missed" : "muted"} title={t("hosts.missed.title")}>
          {" "}
          · {t("hosts.missed", { count: host.missed })}
        </span>
      </td>
      <td>
        <button type="button" className="hosts-remove" aria-label={t("hosts.remove.label", { name: host.name })} title={t("hosts.remove.label", { name: host.name })} onClick={remove}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** Every paired host: where it is, whether it answers, its clock against this console's, and what it sent or could not. */
export function HostsTable() {
  const t = useT();
  const hosts = useLabStore((s) => s.hosts);
  return (
    <section className="hosts-card" aria-label={t("hosts.table")}>
      <h3 className="panel-title">{t("hosts.table")}</h3>
      {hosts.length === 0 ? (
        <p className="empty">{t("hosts.none")}</p>
      ) : (
        <table className="data-table hosts-table">
          <thead>
            <tr>
              <th scope="col">{t("hosts.col.host")}</th>
              <th scope="col">{t("hosts.col.state")}</th>
              <th scope="col">{t("hosts.col.clock")}</th>
              <th scope="col" className="num">
                {t("hosts.col.events")}
              </th>
              <th scope="col">
                <span className="sr-only">{t("hosts.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <tr data-host="local" className="host-local">
              <td>
                <span className="mono host-name">local</span> <span className="muted">{t("hosts.local")}</span>
              </td>
              <td>
                <span className="host-state connected">{t("hosts.state.connected")}</span>
              </td>
              <td className="muted">{t("hosts.clock.reference")}</td>
              <td />
              <td />
            </tr>
            {hosts.slice(0, HOSTS_LIMITS.hosts).map((h) => (
              <Row key={h.name} host={h} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
