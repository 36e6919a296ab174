import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { pyName } from "../console/python";

/** One toggle per open socket, plus chosen fds that have closed since (they stay, to show POLLNVAL). */
export function FdChooser() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const chosen = useLabStore((s) => s.flagFds);
  const toggle = useLabStore((s) => s.toggleFlagFd);
  const fds = [...new Set([...sockets.keys(), ...chosen])].sort((a, b) => a - b);

  return (
    <div className="fd-chooser" role="group" aria-label={t("flags.sockets")}>
      <span className="chooser-label">{t("flags.watchLabel")}</span>
      {fds.length === 0 && <span className="muted">{t("flags.noSockets")}</span>}
      {fds.map((fd) => {
        const open = sockets.has(fd);
        const on = chosen.includes(fd);
        return (
          <button
            key={fd}
            type="button"
            className={`fd-toggle mono${open ? "" : " stale"}`}
            aria-pressed={on}
            aria-label={t(on ? "flags.unwatch" : "flags.watch", { name: pyName(fd) })}
            title={open ? undefined : t("flags.staleHint", { fd })}
            onClick={() => toggle(fd)}
          >
            <span aria-hidden>{on ? "◉" : "○"}</span> {pyName(fd)}
          </button>
        );
      })}
    </div>
  );
}
