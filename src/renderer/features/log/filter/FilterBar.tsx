import { memo, useEffect, useId, useRef } from "react";
import { LOG_KINDS, type LogKind } from "../../../../shared/log-entry";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { EMPTY_FILTER } from "../../../store/state/log-view";
import { ExpressionProblem } from "./ExpressionProblem";
import type { RowFilter } from "./row-filter";

/** Socket, direction, kind, a text or hex search, and the filter expression. */
export const FilterBar = memo(function FilterBar({ filter }: { filter: RowFilter }) {
  const t = useT();
  const draft = useLabStore((s) => s.logFilter);
  // A string, so a batch that changes the socket table (e.g. a gauge) but not which sockets exist does not redraw the bar.
  const open = useLabStore((s) => [...s.sockets.keys()].join(","));
  const fds = [...new Set([...(open ? open.split(",").map(Number) : []), ...(draft.fd === null ? [] : [draft.fd])])].sort((a, b) => a - b);
  const setFilter = useLabStore((s) => s.setLogFilter);
  const problemId = useId();
  const helpId = useId();
  const active = JSON.stringify(draft) !== JSON.stringify(EMPTY_FILTER);
  const expression = useRef<HTMLInputElement>(null);
  // Ctrl+K (⌘K on a Mac) from anywhere: straight to the filter expression.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        expression.current?.focus();
        expression.current?.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="log-filter" role="search" aria-label={t("log.filter")}>
      <label>
        <span>{t("log.filter.fd")}</span>
        <select aria-label={t("log.filter.fd")} value={draft.fd ?? ""} onChange={(e) => setFilter({ fd: e.target.value === "" ? null : Number(e.target.value) })}>
          <option value="">{t("log.filter.anyFd")}</option>
          {fds.map((fd) => (
            <option key={fd} value={fd}>
              fd {fd}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("log.filter.dir")}</span>
        <select aria-label={t("log.filter.dir")} value={draft.dir ?? ""} onChange={(e) => setFilter({ dir: e.target.value === "in" || e.target.value === "out" ? e.target.value : null })}>
          <option value="">{t("log.filter.anyDir")}</option>
          <option value="in">← {t("log.dir.in")}</option>
          <option value="out">→ {t("log.dir.out")}</option>
        </select>
      </label>
      <label>
        <span>{t("log.filter.kind")}</span>
        <select aria-label={t("log.filter.kind")} value={draft.kind ?? ""} onChange={(e) => setFilter({ kind: e.target.value === "" ? null : (e.target.value as LogKind) })}>
          <option value="">{t("log.filter.anyKind")}</option>
          {LOG_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`log.kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="search">
        <span>{t("log.filter.search")}</span>
        <input
          type="search"
          className={draft.searchHex ? "mono" : undefined}
          value={draft.search}
          placeholder={t(draft.searchHex ? "log.filter.searchHexPh" : "log.filter.searchPh")}
          aria-invalid={filter.badHex}
          title={t(filter.badHex ? "log.filter.badHex" : draft.searchHex ? "log.filter.hexHint" : "log.filter.textHint")}
          onChange={(e) => setFilter({ search: e.target.value })}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.searchHex} onChange={(e) => setFilter({ searchHex: e.target.checked })} />
        {t("log.filter.hex")}
      </label>
      <label className="expression">
        <span>{t("log.filter.expression")}</span>
        <input
          ref={expression}
          className="mono"
          value={draft.expression}
          title={t("log.filter.expressionKey")}
          aria-keyshortcuts="Control+K Meta+K"
          placeholder="fd == 5 && kind == data && len > 100"
          spellCheck={false}
          aria-invalid={filter.problem !== null}
          aria-describedby={filter.problem ? problemId : helpId}
          onChange={(e) => setFilter({ expression: e.target.value })}
        />
      </label>
      {active && (
        <button type="button" onClick={() => setFilter(EMPTY_FILTER)}>
          {t("log.filter.clear")}
        </button>
      )}
      <span id={helpId} className="filter-help">
        {t("log.filter.help")}
      </span>
      {filter.problem && <ExpressionProblem text={draft.expression} problem={filter.problem} id={problemId} />}
      {filter.badHex && (
        <p className="expr-problem" role="alert">
          {t("log.filter.badHex")}
        </p>
      )}
    </div>
  );
});
