import type { NetworkInterfaceInfo } from "../../../shared/socket-model";
import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { interfaceKey } from "../../store/broadcast-slice";
import { useLabClient, useLabStore } from "../../store/context";
import { pickedInterface, subnetBroadcast } from "./selectors";

/** Why an interface has no broadcast address of its own, or what its broadcast reaches. */
function noteFor(iface: NetworkInterfaceInfo, t: Translate): string | null {
  if (iface.family === "AF_INET6") return t("bc.iface.noteV6");
  if (iface.flags.includes("LOOPBACK")) return t("bc.iface.noteLoopback", { address: subnetBroadcast(iface) ?? "" });
  if (iface.broadcast === null) return t("bc.iface.notePointToPoint");
  if (iface.flags.length > 0 && !iface.flags.includes("RUNNING")) return t("bc.iface.noteDown");
  return t("bc.iface.noteLan", { address: iface.broadcast });
}

/** Every interface address with its netmask, broadcast address and flags; one is the source. */
export function InterfacePicker() {
  const t = useT();
  const client = useLabClient();
  const list = useLabStore((s) => s.interfaces);
  const picked = useLabStore(pickedInterface);
  const setSourceKey = useLabStore((s) => s.setSourceKey);
  const setInterfaces = useLabStore((s) => s.setInterfaces);

  async function refresh(): Promise<void> {
    const reply = await client.call("interfaces", {});
    if (reply.ok) setInterfaces(reply.result);
  }

  return (
    <section className="card bc-card bc-interfaces" aria-labelledby="bc-interfaces">
      <div className="bc-card-head">
        <h3 id="bc-interfaces">{t("bc.iface.title")}</h3>
        <button type="button" className="small" onClick={() => void refresh()}>
          {t("bc.iface.refresh")}
        </button>
      </div>
      {list === null ? (
        <p className="muted">{t("bc.loading")}</p>
      ) : (
        <table className="data-table bc-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t("bc.iface.source")}</span>
              </th>
              <th scope="col">{t("bc.iface.name")}</th>
              <th scope="col">{t("bc.iface.address")}</th>
              <th scope="col">{t("bc.iface.netmask")}</th>
              <th scope="col">{t("bc.iface.broadcast")}</th>
              <th scope="col">{t("bc.iface.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((iface) => {
              const key = interfaceKey(iface);
              const computed = subnetBroadcast(iface);
              return (
                <tr key={key} className={picked && interfaceKey(picked) === key ? "picked" : ""}>
                  <td>
                    <input
                      type="radio"
                      name="bc-source"
                      checked={picked !== undefined && interfaceKey(picked) === key}
                      onChange={() => setSourceKey(key)}
                      aria-label={t("bc.iface.pick", { name: iface.name, address: iface.address })}
                    />
                  </td>
                  <td className="mono">{iface.name}</td>
                  <td className="mono address">{iface.address}</td>
                  <td className="mono netmask">{iface.netmask}</td>
                  <td className="mono">
                    {iface.broadcast ?? (computed ? <span title={t("bc.iface.computedHint")}>({computed})</span> : <span className="muted">—</span>)}
                  </td>
                  <td className="flags">
                    {iface.flags.map((f) => (
                      <span key={f} className={`flag${f === "BROADCAST" || f === "MULTICAST" ? " on" : ""}`}>
                        {f}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {picked && (
        <p className="bc-note" aria-live="polite">
          <b className="mono">
            {picked.name} {picked.address}
          </b>{" "}
          {noteFor(picked, t)}
        </p>
      )}
    </section>
  );
}
