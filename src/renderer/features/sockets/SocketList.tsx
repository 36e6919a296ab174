import { useMemo } from "react";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { currentNames } from "../../model/lessons/sequence";
import { relativeTime } from "../log/table/columns";
import { pyName } from "../console/python";
import { endpoint } from "../../model/endpoint";
import { KernelRemnants } from "./KernelRemnants";
import "./sockets.css";
import { stateGloss } from "./tcp-state";

function order(sockets: Iterable<SocketSnapshot>): SocketSnapshot[] {
  // Listeners first, each followed by the connections accepted from it.
  const all = [...sockets].sort((a, b) => a.fd - b.fd);
  const children = (fd: number) => all.filter((s) => s.parent === fd);
  const out: SocketSnapshot[] = [];
  for (const s of all) {
    if (s.parent !== null && all.some((p) => p.fd === s.parent)) continue;
    out.push(s, ...children(s.fd));
  }
  return out;
}

/**
 * A listener or a UDP socket is known by its own port; a connection by its
 * peer, marked as the far end (only its port when it shares our host, as on
 * loopback: the port is what tells connections apart).
 */
function where(s: SocketSnapshot): string {
  if (s.state === "LISTEN" || (s.type === "SOCK_DGRAM" && !s.remote)) return s.local ? `:${s.local[1]}` : "";
  if (!s.remote) return "";
  return s.local?.[0] === s.remote[0] ? `⇄ :${s.remote[1]}` : `⇄ ${endpoint(s.remote)}`;
}

/** The state dot: filled while connected, a ring on the way up or down, red after an RST. */
function dotClass(s: SocketSnapshot): string {
  if (s.type === "SOCK_DGRAM") return "state-UDP";
  return s.ended === "reset" ? "reset" : `state-${s.state}`;
}

function Badges({ s, t }: { s: SocketSnapshot; t: Translate }) {
  return (
    <span className="badges">
      {s.blocked && (
        <span className="badge blocked-badge" role="img" aria-label={t("blocked.in", { op: s.blocked.op })} title={t("blocked.in", { op: s.blocked.op })}>
          <span className="spinner" aria-hidden />
          {s.blocked.op}
        </span>
      )}
      {s.recvQueue.used > 0 && <span className="badge num">{s.recvQueue.used} B</span>}
      {s.acceptQueue.used > 0 && <span className="badge">{t("sockets.pending", { n: s.acceptQueue.used })}</span>}
      {s.drops > 0 && <span className="badge warn">{t("sockets.drops", { n: s.drops })}</span>}
    </span>
  );
}

export function SocketList() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const select = useLabStore((s) => s.select);
  const names = useLabStore((s) => s.chart.names);
  // While a lesson plays, its code calls sockets by its own names (srv, cli, conn): show them beside ours.
  const lessonNames = useMemo(() => currentNames(names), [names]);
  const rows = order(sockets.values());
  const closed = [...useLabStore((s) => s.closedSockets).values()].sort((a, b) => a.socket.fd - b.socket.fd);
  const t0 = useLabStore((s) => s.log.t0);
  const portable = useLabStore((s) => s.engine?.name === "portable");

  return (
    <nav className="panel sockets" aria-label={t("sockets.title")}>
      <h2 className="panel-title">{t("sockets.title")}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t("sockets.empty")}</p>
      ) : (
        <ul role="listbox" aria-label={t("sockets.title")}>
          {rows.map((s) => (
            <li
              key={s.fd}
              role="option"
              aria-selected={s.fd === selectedFd}
              tabIndex={0}
              className={`socket-row${s.parent !== null ? " child" : ""}`}
              onClick={() => select(s.fd)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") select(s.fd);
              }}
            >
              <span className={`dot ${dotClass(s)}`} aria-hidden />
              <span className="fd mono">
                {pyName(s.fd)} <span className="muted">fd {s.fd}</span>
                {lessonNames.has(s.fd) && (
                  <span className="alias" title={t("sockets.lessonName")}>
                    {lessonNames.get(s.fd)}
                  </span>
                )}
              </span>
              <span className="kind">{s.type === "SOCK_STREAM" ? "TCP" : "UDP"}</span>
              <span className="mono addr" title={where(s)}>
                {where(s)}
              </span>
              <span className={`state${s.ended === "reset" ? " reset" : ""}`} title={s.type === "SOCK_STREAM" ? stateGloss(s, t, portable) : undefined}>
                {s.type === "SOCK_STREAM" ? s.state : s.remote ? t("udp.connectedShort") : s.local ? t("udp.boundShort") : t("udp.notBound")}
              </span>
              <Badges s={s} t={t} />
            </li>
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        // Closed, until the fd is reused: what a close() left behind stays readable for a while.
        <ul className="closed-sockets" aria-label={t("sockets.recentlyClosed")}>
          {closed.map(({ socket: s, t: at }) => (
            <li key={s.fd} className="socket-row closed" title={t("sockets.closedAt", { time: relativeTime(at, t0) })}>
              <span className="dot closed" aria-hidden />
              <span className="fd mono">
                {pyName(s.fd)} <span className="muted">fd {s.fd}</span>
              </span>
              <span className="kind">{s.type === "SOCK_STREAM" ? "TCP" : "UDP"}</span>
              <span className="mono addr">{where(s)}</span>
              <span className="state" title={t("sockets.closedGloss")}>
                {t("sockets.closed")}
              </span>
            </li>
          ))}
        </ul>
      )}
      <KernelRemnants watching={closed.length > 0} />
    </nav>
  );
}
