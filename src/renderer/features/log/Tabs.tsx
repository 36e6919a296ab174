import { useRef, type KeyboardEvent } from "react";

/**
 * An ARIA tab list: one tab in the Tab order (the current one), arrows and
 * Home/End move between tabs, and moving selects (the panels are cheap to switch).
 */
export function Tabs<K extends string>({
  tabs,
  current,
  onChange,
  label,
  idPrefix,
}: {
  tabs: readonly { key: K; label: string }[];
  current: K;
  onChange: (key: K) => void;
  label: string;
  idPrefix: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(event: KeyboardEvent): void {
    const at = tabs.findIndex((tab) => tab.key === current);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onChange(tab.key);
    list.current?.querySelector<HTMLElement>(`#${idPrefix}-tab-${tab.key}`)?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.key}`}
          aria-selected={tab.key === current}
          aria-controls={`${idPrefix}-panel-${tab.key}`}
          tabIndex={tab.key === current ? 0 : -1}
          onClick={() => onChange(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
