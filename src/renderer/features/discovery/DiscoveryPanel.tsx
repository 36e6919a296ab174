import { useCallback } from "react";
import { useSideView } from "../../hooks/use-side-view";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { DetailPane } from "./DetailPane";
import { DiscoveryForm } from "./DiscoveryForm";
import { RollCallTable } from "./RollCallTable";
import { RunStatus } from "./RunStatus";
import { SilenceHints } from "./SilenceHints";
import "./discovery.css";

/**
 * Who is on the LAN: the form, the run's progress, the roll call and the
 * selected device's messages, and what to check for a protocol nobody
 * answered. Takes the place of the socket detail, as Broadcast does.
 */
export function DiscoveryPanel() {
  const t = useT();
  const setOpen = useLabStore((s) => s.setDiscoveryOpen);
  const close = useCallback(() => setOpen(false), [setOpen]);
  useSideView(close);

  return (
    <section className="panel discovery" aria-label={t("disc.title")}>
      <header className="disc-head">
        <h2>{t("disc.title")}</h2>
        <p className="muted">{t("disc.intro")}</p>
        <button type="button" onClick={() => setOpen(false)}>
          {t("disc.close")}
        </button>
      </header>
      <DiscoveryForm />
      <RunStatus />
      <div className="disc-body">
        <div className="disc-left">
          <RollCallTable />
          <SilenceHints />
        </div>
        <DetailPane />
      </div>
    </section>
  );
}
