import { useMemo } from "react";
import { Popover } from "../../../components/Popover";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { DEFAULT_COLOUR_RULES, TONES, type ColourRule } from "../../../store/state/log-view";
import { explainProblem } from "../filter/explain";
import { compileColours } from "./colour-rules";

/** The row colouring rules: an expression each (the filter language) and a colour; the first match wins. */
export function ColourRules({ onDone }: { onDone: () => void }) {
  const t = useT();
  const rules = useLabStore((s) => s.logColours);
  const setRules = useLabStore((s) => s.setLogColours);
  const problems = useMemo(() => compileColours(rules).problems, [rules]);
  const change = (i: number, patch: Partial<ColourRule>) => setRules(rules.map((rule, j) => (j === i ? { ...rule, ...patch } : rule)));

  return (
    <Popover title={t("log.colours.title")} className="log-popover colour-rules" onDone={onDone}>
      <p className="popover-note">{t("log.colours.note")}</p>
      <ol>
        {rules.map((rule, i) => {
          const n = i + 1;
          const problem = problems[i];
          return (
            <li key={i} className={`tone-${rule.tone}`}>
              <input type="checkbox" checked={rule.enabled} aria-label={t("log.colours.enabled", { n })} onChange={(e) => change(i, { enabled: e.target.checked })} />
              <input
                className="mono"
                value={rule.expression}
                aria-label={t("log.colours.expression", { n })}
                aria-invalid={problem !== null}
                spellCheck={false}
                onChange={(e) => change(i, { expression: e.target.value })}
              />
              <select value={rule.tone} aria-label={t("log.colours.tone", { n })} onChange={(e) => change(i, { tone: TONES.find((tone) => tone === e.target.value) ?? "grey" })}>
                {TONES.map((tone) => (
                  <option key={tone} value={tone}>
                    {t(`log.tone.${tone}`)}
                  </option>
                ))}
              </select>
              <span className="swatch" aria-hidden />
              <button type="button" aria-label={t("log.colours.remove", { n })} onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                ✕
              </button>
              {problem && <span className="expr-problem">{explainProblem(problem, t)}</span>}
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => setRules([...rules, { expression: "kind == data && len > 1000", tone: "blue", enabled: true }])}>
          {t("log.colours.add")}
        </button>
        <button type="button" onClick={() => setRules(DEFAULT_COLOUR_RULES)}>
          {t("log.colours.reset")}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {t("log.close")}
        </button>
      </div>
    </Popover>
  );
}
