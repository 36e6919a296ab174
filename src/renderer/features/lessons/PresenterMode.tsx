import { useEffect, useRef } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { PlayerControls } from "./PlayerControls";
import { predictChoices } from "../../model/lessons/predict";
import { SequenceChart } from "./SequenceChart";
import { StepView } from "./StepView";
import { useCurrentStep } from "./use-current-step";
import { usePlayer } from "./use-player";
import "./presenter.css";

/** How far each scrolling key moves the step: a line, or most of the visible part. */
const SCROLL_KEYS: Readonly<Record<string, number>> = { ArrowDown: 0.25, ArrowUp: -0.25, PageDown: 0.9, PageUp: -0.9 };

function scrollStep(step: HTMLElement, fraction: number): void {
  step.scrollBy({ top: fraction * step.clientHeight });
}

/** Type size of the chart in presenter mode: readable from the back of a classroom on a projector. */
const CHART_FONT = 28;

/**
 * The lesson for a classroom: the current step in large type and, filling
 * the screen below it, the sequence of messages since the lesson started.
 * Driven from the keyboard: space or → next, ← back, Esc leaves, P predict,
 * 1–4 answer a prediction.
 */
export function PresenterMode() {
  const t = useT();
  const on = useLabStore((s) => s.presenter);
  const setPresenter = useLabStore((s) => s.setPresenter);
  const predict = useLabStore((s) => s.predict);
  const setPredict = useLabStore((s) => s.setPredict);
  const playing = useLabStore((s) => s.playing);
  const language = useLabStore((s) => s.language);
  const player = usePlayer();
  const { step, index, pending } = useCurrentStep();
  const choices = pending && step ? predictChoices(step, index + 1) : null;
  const ref = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (on) ref.current?.focus();
  }, [on]);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const digit = Number(e.key);
      let handled = true;
      if (e.key === " " || e.key === "ArrowRight") player.next();
      else if (e.key === "ArrowLeft") player.back();
      else if (e.key === "Escape") setPresenter(false);
      else if (e.key === "p" || e.key === "P") setPredict(!predict);
      else if (SCROLL_KEYS[e.key] !== undefined && stepRef.current) scrollStep(stepRef.current, SCROLL_KEYS[e.key]!);
      else if (choices && Number.isInteger(digit) && digit >= 1 && digit <= choices.length) player.reveal(digit - 1);
      else handled = false;
      // Space would also press the focused button: the key is the presenter's, not the button's.
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [on, player, predict, setPredict, setPresenter, choices]);

  if (!on) return null;
  return (
    <div ref={ref} className="presenter" role="dialog" aria-modal="true" aria-label={t("lesson.presenterMode")} tabIndex={-1}>
      <header className="presenter-head">
        <h2>{playing ? (playing.title?.[language] ?? playing.name) : t("lesson.pick")}</h2>
        <PlayerControls inPresenter />
        <button type="button" onClick={() => setPresenter(false)}>
          {t("lesson.leavePresenter")}
        </button>
      </header>
      {/* A long step scrolls here from the keyboard (↑ ↓, Page Up/Down): Space and the side arrows step the lesson. */}
      <div ref={stepRef} className="presenter-step" role="region" aria-label={t("lesson.stepScroll")}>
        <StepView />
      </div>
      <SequenceChart fontSize={CHART_FONT} />
      <footer className="presenter-keys">{t("lesson.keys")}</footer>
    </div>
  );
}
