import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import type { LogSide } from "../../store/state/log-view";
import { Composer } from "./composer/Composer";
import { DetailPane } from "./detail/DetailPane";
import { FilterBar } from "./filter/FilterBar";
import { IoGraph } from "./io/IoGraph";
import { LogHeader } from "./LogHeader";
import { LogResizer } from "./LogResizer";
import { SequenceChart } from "./sequence/SequenceChart";
import { FollowStream } from "./stream/FollowStream";
import { LogTable } from "./table/LogTable";
import { Tabs } from "./Tabs";
import { useLogView } from "./view/use-log-view";
import "./log.css";
import "./views.css";

/**
 * The packet log: the filtered rows as a list, a followed TCP stream, a
 * sequence chart or an I/O graph; beside it the selected row's bytes, or the
 * composer. Expanded, it fills the window (for a projector).
 */
export function LogPanel() {
  const t = useT();
  const snapshot = useLogView();
  const tab = useLabStore((s) => s.logTab);
  const side = useLabStore((s) => s.logSide);
  const setSide = useLabStore((s) => s.setLogSide);
  const [expanded, setExpanded] = useState(false);

  return (
    <section
      className={`panel log${expanded ? " expanded" : ""}`}
      aria-label={t("log.title")}
      onKeyDown={(e) => {
        if (e.key === "Escape" && expanded) setExpanded(false);
      }}
    >
      {!expanded && <LogResizer />}
      <LogHeader snapshot={snapshot} expanded={expanded} onExpand={setExpanded} />
      <FilterBar filter={snapshot.filter} />
      <div className="log-body">
        <div className="log-main" role="tabpanel" id={`log-view-panel-${tab}`} aria-labelledby={`log-view-tab-${tab}`}>
          {tab === "list" && <LogTable snapshot={snapshot} />}
          {tab === "stream" && <FollowStream />}
          {tab === "sequence" && <SequenceChart snapshot={snapshot} />}
          {tab === "io" && <IoGraph snapshot={snapshot} />}
        </div>
        <aside className="log-side" aria-label={t("log.side")}>
          <Tabs<LogSide>
            tabs={[
              { key: "detail", label: t("log.side.detail") },
              { key: "composer", label: t("log.side.composer") },
            ]}
            current={side}
            onChange={setSide}
            label={t("log.side")}
            idPrefix="log-side"
          />
          {/* Both stay mounted: a repeat running in the composer keeps its progress and its Stop button. */}
          <div className="log-side-body" role="tabpanel" id="log-side-panel-detail" aria-labelledby="log-side-tab-detail" hidden={side !== "detail"}>
            <DetailPane />
          </div>
          <div className="log-side-body" role="tabpanel" id="log-side-panel-composer" aria-labelledby="log-side-tab-composer" hidden={side !== "composer"}>
            <Composer />
          </div>
        </aside>
      </div>
    </section>
  );
}
