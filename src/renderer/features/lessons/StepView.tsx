import { useMemo } from "react";
import { recvfromsKept } from "../../../shared/scenario";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { PredictChoices, outcomeText } from "./PredictChoices";
import { predictChoices } from "../../model/lessons/predict";
import { lineRepr } from "../../model/lessons/py-repr";
import { stepPython } from "./python-line";
import { useCurrentStep } from "./use-current-step";
import { usePlayer } from "./use-player";

/**
 * The step in front of the class: its narration in the UI's language, its
 * Python line, and what Python would show for it (or, in predict mode, the
 * choices first). The strip and presenter mode both show this.
 */
export function StepView() {
  const t = useT();
  const player = usePlayer();
  const language = useLabStore((s) => s.language);
  const playing = useLabStore((s) => s.playing);
  const guess = useLabStore((s) => s.guess);
  const busy = useLabStore((s) => s.playerBusy);
  const { index, total, step, line, pending, done } = useCurrentStep();
  const kept = useMemo(() => recvfromsKept(playing?.scenario.steps ?? []), [playing]);

  if (!playing) return <p className="step-intro muted">{t("lesson.pick")}</p>;
  if (!step) {
    return (
      <p className="step-intro">
        {t("lesson.start", { count: total })}
      </p>
    );
  }
  const note = step.note?.[language] ?? step.note?.en ?? "";
  const choices = predictChoices(step, index + 1);
  const guessed = guess && guess.step === index && guess.choice !== null && choices ? choices[guess.choice] : null;
  const failed = line !== null && line.expect_failed === true;
  const asking = pending && choices !== null;

  return (
    <div className="step-view">
      {/* The narration often tells the outcome: while the class predicts, it waits for the answer. */}
      {note && (asking ? <p className="narration muted">{t("lesson.predict.noteLater")}</p> : <p className="narration">{note}</p>)}
      <p className="python mono" aria-label={t("lesson.pythonLine")}>
        <span className="prompt" aria-hidden>
          &gt;&gt;&gt;{" "}
        </span>
        {stepPython(step, kept.has(index))}
      </p>
      {asking && <PredictChoices choices={choices} onPick={player.reveal} busy={busy} />}
      {line && (
        <p className={`result mono ${line.ok ? "ok" : "raised"}`} aria-label={t("lesson.result")}>
          {lineRepr(step, line)}
        </p>
      )}
      {line && guessed && (
        <p className={`verdict ${guessed.correct && !failed ? "right" : "wrong"}`} role="status">
          {guessed.correct && !failed
            ? t("lesson.predict.right", { answer: outcomeText(guessed.outcome, t) })
            : t("lesson.predict.wrong", { answer: outcomeText(guessed.outcome, t) })}
        </p>
      )}
      {failed && <p className="warn-text">{t("lesson.expectFailed")}</p>}
      {done && <p className="muted end">{t("lesson.end")}</p>}
    </div>
  );
}
