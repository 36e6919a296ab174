import { useState } from "react";
import type { SocketSnapshot } from "../../../../shared/socket-model";
import { type Translate } from "../../../../shared/i18n";
import { useT } from "../../../hooks/use-t";
import type { PlainKey } from "../../../../shared/i18n";
import { useLabStore } from "../../../store/context";
import { KernelMetrics } from "./KernelMetrics";
import { StateMachine } from "./StateMachine";
import "./kernel.css";

function gloss(socket: SocketSnapshot, t: Translate): string {
  const state = socket.kernel!.state;
  const udp: PlainKey | null = socket.type === "SOCK_DGRAM" && (state === "CLOSE" || state === "ESTABLISHED") ? `kstate.udp.${state}` : null;
  return t(udp ?? `kstate.${state}`);
}

/** What the Lab knows that the fd's own kernel socket, now CLOSE, cannot say: how the connection ended. */
function ending(socket: SocketSnapshot, t: Translate): string | null {
  if (socket.ended === "time-wait") return t("kdiag.heldApart");
  return socket.ended === "reset" ? t("kdiag.reset") : null;
}

/**
 * What the kernel itself says about the socket (kernel engine): Linux's
 * name for its state with what it means, the TCP state machine with this
 * socket on it, and tcp_info's numbers, each explained. The portable
 * engine cannot ask a kernel: one line says so.
 */
export function KernelSection({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const engine = useLabStore((s) => s.engine);
  const history = useLabStore((s) => s.kernelHistory.get(socket.fd));
  const [open, setOpen] = useState(true);
  const kernel = socket.kernel;
  if (!kernel) return engine?.name === "portable" ? <p className="kernel-none">{t("kpanel.none")}</p> : null;
  const udp = socket.type === "SOCK_DGRAM";
  return (
    <section className="kernel" aria-label={t("kpanel.title")}>
      <button type="button" className="kernel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden>{open ? "▾" : "▸"}</span> {t("kpanel.title")}
        <span className="state-pill kernel-state" title={gloss(socket, t)}>
          {kernel.state}
        </span>
        <span className="kernel-source mono">{t(udp ? "kpanel.sourceUdp" : "kpanel.source")}</span>
      </button>
      {open && (
        <div className="kernel-body">
          <p className="kernel-gloss">{gloss(socket, t)}</p>
          {ending(socket, t) && <p className={`kernel-ending${socket.ended === "reset" ? " reset" : ""}`}>{ending(socket, t)}</p>}
          {!udp && <StateMachine steps={history?.steps ?? [{ state: kernel.state, t: null }]} ended={socket.ended} />}
          <KernelMetrics kernel={kernel} udp={udp} />
        </div>
      )}
    </section>
  );
}
