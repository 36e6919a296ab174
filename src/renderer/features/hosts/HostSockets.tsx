import type { HostSocket } from "../../../shared/hosts";
import { formatAddress } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";

function SocketRow({ socket }: { socket: HostSocket }) {
  return (
    <tr>
      <td className="num mono">{socket.fd}</td>
      <td className="mono">{socket.type === "SOCK_STREAM" ? "TCP" : "UDP"}</td>
      <td className="mono">{socket.state}</td>
      <td className="mono">{formatAddress(socket.local) ?? ""}</td>
      <td className="mono">{formatAddress(socket.remote) ?? ""}</td>
    </tr>
  );
}

/** Each paired host's sockets, as its events tell them (this console's own are in the socket list beside). */
export function HostSockets() {
  const t = useT();
  const hosts = useLabStore((s) => s.hosts);
  if (hosts.length === 0) return null;
  return (
    <section className="hosts-card hosts-sockets" aria-label={t("hosts.sockets")}>
      <h3 className="panel-title">{t("hosts.sockets")}</h3>
      {hosts.map((h) => (
        <div key={h.name} className="host-sockets" role="group" aria-label={t("hosts.sockets.label", { host: h.name })}>
          <h4 className="mono">{h.name}</h4>
          {h.sockets.length === 0 ? (
            <p className="muted">{t("hosts.sockets.none")}</p>
          ) : (
            <table className="data-table hosts-table compact">
              <tbody>
                {h.sockets.map((s) => (
                  <SocketRow key={s.fd} socket={s} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
