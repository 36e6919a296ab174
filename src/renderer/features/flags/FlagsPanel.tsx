import { useT } from "../../hooks/use-t";
import { FdChooser } from "./FdChooser";
import { LightsMatrix } from "./LightsMatrix";
import { MaskChooser } from "./MaskChooser";
import { OnceBar } from "./OnceBar";
import { Timeline } from "./Timeline";
import { useFlagWatcher } from "./use-watcher";
import "./flags.css";

/** The right column: which sockets to watch, their flags as lights with the story of every change just below, and poll()/select() once. */
export function FlagsPanel() {
  const t = useT();
  useFlagWatcher();
  return (
    <section className="panel flags-panel" aria-label={t("flags.title")}>
      <h2 className="panel-title">{t("flags.title")}</h2>
      <FdChooser />
      <MaskChooser />
      <LightsMatrix />
      <Timeline />
      <OnceBar />
    </section>
  );
}
