import type { HostSocket } from "../../../shared/hosts";
import { formatAddress } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { useHostCall } from "./use-host-call";

function SocketRow({ host, socket, connected }: { host: string; socket: HostSocket; connected: boolean }) {
  const t = useT();
  const call = useHostCall();
  const showError = useLabStore((s) => s.showError);
  return (
    <tr>
      <td className="num mono">{socket.fd}</td>
      <td className="mono">{socket.type === "SOCK_STREAM" ? "TCP" : "UDP"}</td>
      <td className="mono">{socket.state}</td>
      <td className="mono">{formatAddress(socket.local) ?? ""}</td>
      <td className="mono">{formatAddress(socket.remote) ?? ""}</td>
      <td className="num">
        <button
          type="button"
          className="small"
          disabled={!connected}
          aria-label={t("hosts.sockets.close", { fd: socket.fd, host })}
          title={t("hosts.sockets.close", { fd: socket.fd, host })}
          onClick={() =>
            void call(host, "close", { fd: socket.fd }).then((reply) => {
              if (!reply.ok) showError("close", reply.error);
            })
          }
        >
          ×
        </button>
      </td>
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
                  <SocketRow key={s.fd} host={h.name} socket={s} connected={h.state === "connected"} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
