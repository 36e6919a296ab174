import type { DeviceRow, ProtocolCell } from "../../../shared/discovery/roll-call";
import { PROTOCOL_LABELS, type DiscoveryProtocol } from "../../../shared/discovery/types";
import type { PlainKey } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { MessageView, UndecodableView } from "./MessageView";
import { clockTime, formatRtt, messagesFrom, undecodableFrom } from "../../model/discovery/model";

/** Messages shown per device, newest first (the view keeps VIEW_LIMITS.messages across all). */
const SHOWN = 40;

function Facts({ row }: { row: DeviceRow }) {
  const t = useT();
  const list = (key: PlainKey, items: readonly string[], mono = false) =>
    items.length > 0 && (
      <>
        <dt>{t(key)}</dt>
        <dd className={mono ? "mono" : undefined}>{items.join(", ")}</dd>
      </>
    );
  return (
    <dl className="disc-facts">
      {list("disc.detail.names", row.names)}
      {list("disc.detail.services", row.services, true)}
      {row.instances.length > 0 && (
        <>
          <dt>{t("disc.detail.instances")}</dt>
          <dd>
            <ul className="disc-instances">
              {row.instances.map((i) => (
                <li key={i.fqdn}>
                  <strong>{i.name}</strong> <span className="mono muted">{i.type}</span>
                  {i.host !== null && (
                    <span className="mono">
                      {" "}
                      → {i.host}
                      {i.port !== null ? `:${i.port}` : ""}
                    </span>
                  )}
                  {i.txt.length > 0 && <span className="disc-sub mono muted">{i.txt.join(" ")}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {list("disc.detail.addresses", row.addresses, true)}
      {list("disc.detail.usn", row.usns, true)}
      {list("disc.detail.locations", row.locations, true)}
      {list("disc.detail.server", row.servers, true)}
    </dl>
  );
}

function ProtocolTable({ row }: { row: DeviceRow }) {
  const t = useT();
  return (
    <table className="data-table disc-table compact" aria-label={t("disc.detail.protocols")}>
      <thead>
        <tr>
          <th scope="col">{t("disc.detail.protocol")}</th>
          <th scope="col">{t("disc.detail.how")}</th>
          <th scope="col">{t("disc.detail.casts")}</th>
          <th scope="col" className="num">
            {t("disc.detail.rtt")}
          </th>
          <th scope="col" className="num">
            {t("disc.detail.messages")}
          </th>
          <th scope="col">{t("disc.detail.seen")}</th>
        </tr>
      </thead>
      <tbody>
        {(Object.entries(row.protocols) as [DiscoveryProtocol, ProtocolCell][]).map(([p, cell]) => (
          <tr key={p}>
            <th scope="row">{PROTOCOL_LABELS[p]}</th>
            <td>
              {[cell.answered && t("disc.cell.answered"), cell.announced && t("disc.cell.announced"), cell.queried && t("disc.cell.queried"), cell.saidGoodbye && t("disc.cell.goodbye")]
                .filter(Boolean)
                .join(", ")}
            </td>
            <td>{cell.casts.map((c) => t(`disc.cast.${c}`)).join(", ") || t("disc.cast.unknown")}</td>
            <td className="mono num">{formatRtt(cell.rttMs)}</td>
            <td className="mono num">{cell.messages}</td>
            <td className="mono">
              {clockTime(cell.firstSeen).slice(0, 8)}
              <span className="disc-sub">{clockTime(cell.lastSeen).slice(0, 8)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The selected device: what it claims, how each protocol saw it, and its messages decoded; or one undecodable datagram. */
export function DetailPane() {
  const t = useT();
  const view = useLabStore((s) => s.discovery);
  const selection = useLabStore((s) => s.discoverySelection);
  const row = selection?.kind === "device" ? (view.rollCall.rows.get(selection.address) ?? null) : null;

  return (
    <section className="disc-detail" aria-labelledby="disc-detail-heading">
      {selection?.kind === "undecodable" ? (
        <>
          <h3 id="disc-detail-heading" tabIndex={-1}>
            {t("disc.detail.undecodable")}
          </h3>
          <UndecodableView datagram={selection.datagram} open />
        </>
      ) : !row ? (
        <>
          <h3 id="disc-detail-heading" tabIndex={-1} className="sr-only">
            {t("disc.detail")}
          </h3>
          <p className="muted">{t("disc.detail.pick")}</p>
        </>
      ) : (
        <>
          <h3 id="disc-detail-heading" tabIndex={-1} className="mono">
            {row.address}
          </h3>
          <Facts row={row} />
          <ProtocolTable row={row} />
          {row.unprompted.length > 0 && (
            <>
              <h4>{t("disc.detail.unprompted")}</h4>
              <ul className="disc-unprompted mono">
                {row.unprompted.map((u, i) => (
                  <li key={i}>{u}</li>
                ))}
              </ul>
            </>
          )}
          <h4>{t("disc.detail.decoded")}</h4>
          <DeviceMessages address={row.address} />
        </>
      )}
    </section>
  );
}

function DeviceMessages({ address }: { address: string }) {
  const t = useT();
  const view = useLabStore((s) => s.discovery);
  const messages = messagesFrom(view, address).slice(0, SHOWN);
  const undecodable = undecodableFrom(view, address);
  return (
    <>
      {messages.length === 0 && <p className="muted">{t("disc.detail.noMessages")}</p>}
      {messages.map((m, i) => (
        // The newest message of each protocol starts open.
        <MessageView key={`${m.run}-${m.n}`} sighting={m.sighting} open={messages.findIndex((x) => x.sighting.protocol === m.sighting.protocol) === i} />
      ))}
      {undecodable.length > 0 && (
        <>
          <h4>{t("disc.detail.undecodable")}</h4>
          {undecodable.slice(0, SHOWN).map((u, i) => (
            <UndecodableView key={`${u.at}-${i}`} datagram={u} open={i === 0} />
          ))}
        </>
      )}
    </>
  );
}
