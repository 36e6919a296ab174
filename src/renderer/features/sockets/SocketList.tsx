import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";

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

export function endpoint(address: readonly [string, number] | null): string {
  return address ? `${address[0]}:${address[1]}` : "—";
}

export function SocketList() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const select = useLabStore((s) => s.select);
  const rows = order(sockets.values());

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
              <span className={`dot state-${s.state}`} aria-hidden />
              <span className="fd mono">fd {s.fd}</span>
              <span className="kind">{s.type === "SOCK_STREAM" ? "TCP" : "UDP"}</span>
              <span className="mono addr">{s.state === "LISTEN" ? `:${s.local?.[1] ?? ""}` : endpoint(s.remote)}</span>
              <span className="state">{s.state}</span>
              {s.recvQueue.used > 0 && <span className="badge">{s.recvQueue.used} B</span>}
              {s.acceptQueue.used > 0 && <span className="badge">{t("sockets.pending", { n: s.acceptQueue.used })}</span>}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
