import { useCallback } from "react";
import { useSideView } from "../../hooks/use-side-view";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { DropsCard } from "./DropsCard";
import { InterfacePicker } from "./InterfacePicker";
import { MulticastCard } from "./MulticastCard";
import { ReceiversCard } from "./ReceiversCard";
import { RespondersView } from "./RespondersView";
import { SenderCard } from "./SenderCard";
import "./broadcast.css";

/**
 * UDP broadcast and multicast in one place: where from (interfaces), the
 * sender, the receivers, who answered, and whether anything was lost on the
 * way. Takes the place of the socket detail; the socket list and the log
 * stay beside it.
 */
export function BroadcastPanel() {
  const t = useT();
  const setOpen = useLabStore((s) => s.setBroadcastOpen);
  const close = useCallback(() => setOpen(false), [setOpen]);
  useSideView(close);

  return (
    <section className="panel broadcast" aria-label={t("bc.title")}>
      <header className="bc-head">
        <h2>{t("bc.title")}</h2>
        <p className="muted">{t("bc.intro")}</p>
        <button type="button" onClick={() => setOpen(false)}>
          {t("bc.close")}
        </button>
      </header>
      <div className="bc-grid">
        <InterfacePicker />
        <SenderCard />
        <ReceiversCard />
        <RespondersView />
        <MulticastCard />
        <DropsCard />
      </div>
    </section>
  );
}
