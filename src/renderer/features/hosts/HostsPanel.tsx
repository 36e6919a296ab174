import { useCallback } from "react";
import { useSideView } from "../../hooks/use-side-view";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { AddHostForm } from "./AddHostForm";
import { HostDrive } from "./HostDrive";
import { HostSockets } from "./HostSockets";
import { HostsTable } from "./HostsTable";
import { HostsRollCall } from "./HostsRollCall";
import { HostTimeline } from "./HostTimeline";
import { ShareLab } from "./ShareLab";
import { useSharing } from "./use-sharing";
import "./hosts.css";

/**
 * The Labs this console follows: pairing by URL, each host's state and
 * clock, its sockets, and one timeline of every host's rows on the
 * console's clock. Takes the place of the socket detail, as Discovery does.
 */
export function HostsPanel() {
  const t = useT();
  const setOpen = useLabStore((s) => s.setHostsOpen);
  const unavailable = useLabStore((s) => s.hostsUnavailable);
  const close = useCallback(() => setOpen(false), [setOpen]);
  useSideView(close);
  const { sharing, set: setSharing } = useSharing();
  const showShare = useLabStore((s) => s.shareOpen);
  const setShowShare = useLabStore((s) => s.setShareOpen);
  const connected = sharing?.consoles.filter((c) => c.from !== null).length ?? 0;
  const paired = useLabStore((s) => s.hosts.length > 0);

  return (
    <section className="panel hosts" aria-label={t("hosts.title")}>
      <header className="hosts-head">
        <h2>{t("hosts.title")}</h2>
        <p className="muted">{t("hosts.intro")}</p>
        <button type="button" aria-expanded={showShare} className={sharing ? "share-on" : undefined} onClick={() => setShowShare(!showShare)}>
          {sharing ? t("share.button.on", { count: connected }) : t("share.button")}
        </button>
        <button type="button" onClick={close}>
          {t("hosts.close")}
        </button>
      </header>
      {unavailable !== null ? (
        <p className="hosts-unavailable" role="status">
          {t("hosts.unavailable", { reason: unavailable })}
        </p>
      ) : (
        <>
          {showShare && <ShareLab sharing={sharing} onChange={setSharing} onHide={() => setShowShare(false)} />}
          <AddHostForm />
          <div className="hosts-top">
            <HostsTable />
            <HostSockets />
          </div>
          {paired && <HostDrive />}
          <HostsRollCall />
          <HostTimeline />
        </>
      )}
    </section>
  );
}
