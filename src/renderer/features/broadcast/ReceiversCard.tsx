import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import type { Membership } from "../../store/state/broadcast";
import { useLabStore } from "../../store/context";
import { arrivalText } from "../log/arrival";
import { endpoint } from "../../model/endpoint";
import { pyName } from "../console/python";
import { useCall } from "../console/use-call";
import { bindNote, diagnoseReceiver } from "./diagnose";
import { ReceiverForm } from "./ReceiverForm";
import { selectedEntry, udpSockets } from "./selectors";

const NO_GROUPS: readonly Membership[] = [];

/** One receiver: where it is bound, whether it answers, and whether the shown broadcast reached it (and if not, why). */
function ReceiverRow({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const call = useCall();
  const targets = useLabStore((s) => s.broadcastTargets);
  const entry = useLabStore(selectedEntry);
  const groups = useLabStore((s) => s.memberships.get(socket.fd) ?? NO_GROUPS);
  const note = bindNote(socket.local, targets);
  const verdict = entry ? diagnoseReceiver(socket, entry, groups.map((g) => g.group)) : null;
  // The bind note already says why a socket bound to a unicast address gets no broadcast.
  const arrival = verdict?.got ? entry?.arrivals.find((a) => a.fd === socket.fd) : undefined;
  const arrived = arrival?.dst ? arrivalText(t, endpoint(arrival.dst), arrival.cast, arrival.ifname) : null;
  const reasons = (verdict?.reasons ?? []).filter((reason) => !(reason === "boundUnicast" && note === "unicast"));
  const answers = socket.auto.reply !== null ? t("bc.recv.replies", { text: typeof socket.auto.reply === "string" ? socket.auto.reply : `{hex: ${socket.auto.reply.hex}}` }) : socket.auto.echo ? t("bc.recv.echoes") : t("bc.recv.silent");

  return (
    <li className="bc-receiver" aria-label={pyName(socket.fd)}>
      <div className="bc-receiver-head">
        <b className="mono">{pyName(socket.fd)}</b>
        <span className="mono">{endpoint(socket.local)}</span>
        <span className="muted">{answers}</span>
        {socket.drops > 0 && <span className="badge warn">{t("sockets.drops", { n: socket.drops })}</span>}
        {verdict && (
          <span className={`bc-verdict ${verdict.got ? "got" : "missed"}`}>{verdict.got ? t("bc.recv.got") : t("bc.recv.missed")}</span>
        )}
        <button type="button" className="small" onClick={() => void call("close", { fd: socket.fd })} aria-label={t("bc.recv.closeLabel", { name: pyName(socket.fd) })}>
          {t("bc.recv.close")}
        </button>
      </div>
      {arrived && <p className="bc-note bc-arrival mono">{t("arrival.got", { arrival: arrived })}</p>}
      {note !== "wildcard" && <p className={`bc-note ${note === "unbound" ? "" : "warn"}`}>{t(`bc.bind.${note}`, { host: socket.local?.[0] ?? "" })}</p>}
      {reasons.map((reason) => (
        <p key={reason} className={`bc-note ${verdict?.got ? "" : "warn"}`}>
          {t(`bc.reason.${reason}`, { port: entry?.dst[1] ?? "", group: entry?.dst[0] ?? "", host: socket.local?.[0] ?? "" })}
        </p>
      ))}
    </li>
  );
}

export function ReceiversCard() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const senderFd = useLabStore((s) => s.senderFd);
  const receivers = udpSockets(sockets).filter((s) => s.fd !== senderFd);
  return (
    <section className="card bc-card bc-receivers" aria-labelledby="bc-receivers">
      <h3 id="bc-receivers">{t("bc.recv.title")}</h3>
      <ReceiverForm />
      {receivers.length === 0 ? (
        <p className="muted">{t("bc.recv.none")}</p>
      ) : (
        <ul className="bc-receiver-list" aria-label={t("bc.recv.list")}>
          {receivers.map((s) => (
            <ReceiverRow key={s.fd} socket={s} />
          ))}
        </ul>
      )}
    </section>
  );
}
