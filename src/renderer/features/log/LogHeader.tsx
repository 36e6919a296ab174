import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { LOG_CAPACITIES } from "../../store/log-slice";
import type { LogTab } from "../../store/state/log-view";
import { ColourRules } from "./colour/ColourRules";
import { ExportMenu } from "./export/ExportMenu";
import { Tabs } from "./Tabs";
import type { ViewSnapshot } from "./view/live-view";

const TABS = ["list", "stream", "sequence", "io"] as const;

/** Title, view tabs, counters (shown, held, dropped), capacity, and the panel's actions. */
export function LogHeader({ snapshot, expanded, onExpand }: { snapshot: ViewSnapshot; expanded: boolean; onExpand: (on: boolean) => void }) {
  const t = useT();
  const language = useLabStore((s) => s.language);
  const tab = useLabStore((s) => s.logTab);
  const setTab = useLabStore((s) => s.setLogTab);
  const dropped = useLabStore((s) => s.logDropped);
  const missed = useLabStore((s) => s.logMissed);
  const away = useLabStore((s) => s.logAway);
  const capacity = useLabStore((s) => s.logCapacity);
  const setCapacity = useLabStore((s) => s.setLogCapacity);
  const clear = useLabStore((s) => s.clearLog);
  const [popover, setPopover] = useState<"export" | "colours" | null>(null);
  const n = (value: number) => value.toLocaleString(language);
  const held = snapshot.ring.size;
  const toggle = (which: "export" | "colours") => setPopover(popover === which ? null : which);

  return (
    <header className="log-head">
      <h2 className="panel-title">{t("log.title")}</h2>
      <Tabs<LogTab> tabs={TABS.map((key) => ({ key, label: t(`log.tab.${key}`) }))} current={tab} onChange={setTab} label={t("log.tabs")} idPrefix="log-view" />
      <span className="log-count num">
        {snapshot.filter.test ? t("log.countFiltered", { shown: n(snapshot.length), count: held }) : t("log.count", { count: held })}
        {!snapshot.complete && <span className="muted"> · {t("log.scanning")}</span>}
      </span>
      {missed > 0 && (
        <span className="dropped" data-missed={missed} title={t("log.missedHint")}>
          {t("log.missed", { count: missed })}
        </span>
      )}
      {away > 0 && (
        <span className="dropped" data-away={away} title={t("log.awayHint")}>
          {t("log.away", { count: away })}
        </span>
      )}
      {dropped > 0 && (
        <span className="dropped" data-dropped={dropped} title={t("log.droppedHint", { n: n(capacity) })}>
          {t("log.dropped", { count: dropped })}
        </span>
      )}
      <span className="log-actions">
        <label className="keep" title={t("log.keepHint")}>
          {t("log.keep")}
          <select aria-label={t("log.keep")} value={capacity} onChange={(e) => setCapacity(Number(e.target.value))}>
            {LOG_CAPACITIES.map((c) => (
              <option key={c} value={c}>
                {n(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={popover === "colours"} onClick={() => toggle("colours")}>
          {t("log.colours")}
        </button>
        <button type="button" aria-expanded={popover === "export"} onClick={() => toggle("export")}>
          {t("log.export")}
        </button>
        <button type="button" onClick={clear}>
          {t("log.clear")}
        </button>
        <button type="button" aria-pressed={expanded} onClick={() => onExpand(!expanded)} title={t("log.expandHint")}>
          {t(expanded ? "log.restore" : "log.expand")}
        </button>
      </span>
      {popover === "export" && <ExportMenu snapshot={snapshot} onDone={() => setPopover(null)} />}
      {popover === "colours" && <ColourRules onDone={() => setPopover(null)} />}
    </header>
  );
}
