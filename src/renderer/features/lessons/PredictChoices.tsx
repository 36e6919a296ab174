import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import type { Choice, Outcome } from "../../model/lessons/predict";

export function outcomeText(outcome: Outcome, t: Translate): string {
  if (outcome.kind === "blocks") return t("lesson.predict.blocks");
  return t(outcome.kind === "value" ? "lesson.predict.returns" : "lesson.predict.raises", { code: outcome.code });
}

/** The class's choices before the step runs; picking one runs it. Keys 1–4 pick in presenter mode. */
export function PredictChoices({ choices, onPick, busy }: { choices: readonly Choice[]; onPick: (index: number | null) => void; busy: boolean }) {
  const t = useT();
  return (
    <div className="predict" role="group" aria-label={t("lesson.predict.question")}>
      <p className="predict-question">{t("lesson.predict.question")}</p>
      <ol className="predict-choices">
        {choices.map((choice, i) => (
          <li key={i}>
            <button type="button" disabled={busy} onClick={() => onPick(i)}>
              <span className="key" aria-hidden>
                {i + 1}
              </span>
              <span className="mono">{outcomeText(choice.outcome, t)}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="reveal" disabled={busy} onClick={() => onPick(null)}>
        {t("lesson.predict.reveal")}
      </button>
    </div>
  );
}
