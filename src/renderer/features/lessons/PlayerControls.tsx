import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { useCurrentStep } from "./use-current-step";
import { usePlayer } from "./use-player";

/** Step n of m, back / next / run all / reset, predict, presenter: the same controls in the strip and in presenter mode. */
export function PlayerControls({ inPresenter = false }: { inPresenter?: boolean }) {
  const t = useT();
  const player = usePlayer();
  const playing = useLabStore((s) => s.playing);
  const position = useLabStore((s) => s.position);
  const busy = useLabStore((s) => s.playerBusy);
  const predict = useLabStore((s) => s.predict);
  const setPredict = useLabStore((s) => s.setPredict);
  const presenter = useLabStore((s) => s.presenter);
  const setPresenter = useLabStore((s) => s.setPresenter);
  const { index, total, pending, done } = useCurrentStep();
  const none = !playing;

  return (
    <span className="player-controls">
      <span className="step-count num" aria-live="polite">
        {t("lesson.stepOf", { n: Math.max(0, index + 1), m: total })}
      </span>
      <button type="button" onClick={player.back} disabled={none || busy || (position === 0 && !pending)} aria-label={t("lesson.back")} title={t("lesson.backHint")}>
        ◀ {t("lesson.backShort")}
      </button>
      <button type="button" className="primary" onClick={player.next} disabled={none || busy || done} aria-label={pending ? t("lesson.reveal") : t("lesson.next")}>
        {pending ? t("lesson.revealShort") : t("lesson.nextShort")} ▶
      </button>
      <button type="button" onClick={player.runAll} disabled={none || busy || done}>
        {t("lesson.runAll")}
      </button>
      <button type="button" onClick={player.reset} disabled={none}>
        {t("lesson.reset")}
      </button>
      {/* Its place is kept while idle: a spinner that came and went rewrapped the bar under the pointer. */}
      {busy ? <span className="spinner" role="img" aria-label={t("lesson.running")} /> : <span className="spinner idle" aria-hidden />}
      <label className="switch">
        <input type="checkbox" checked={predict} onChange={(e) => setPredict(e.target.checked)} />
        <span>{t("lesson.predict")}</span>
      </label>
      {!inPresenter && (
        <button type="button" aria-pressed={presenter} onClick={() => setPresenter(!presenter)}>
          {t("lesson.presenter")}
        </button>
      )}
    </span>
  );
}
