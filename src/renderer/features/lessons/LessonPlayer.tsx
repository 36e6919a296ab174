import { useEffect } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { LessonFiles } from "./LessonFiles";
import { PlayerControls } from "./PlayerControls";
import { StepView } from "./StepView";
import { usePlayer } from "./use-player";
import "./lessons.css";

/** The value of the lesson picker for a scenario opened from a file. */
const FILE = "file:";

/**
 * The lesson strip above the workspace: pick a lesson, step through it, and
 * watch every socket view follow. Its steps run on the Lab's own sockets,
 * so the socket list, detail and log show each one as it happens.
 */
export function LessonPlayer() {
  const t = useT();
  const open = useLabStore((s) => s.lessonsOpen);
  const lessons = useLabStore((s) => s.lessonList);
  const playing = useLabStore((s) => s.playing);
  const language = useLabStore((s) => s.language);
  const problem = useLabStore((s) => s.playerProblem);
  const showProblem = useLabStore((s) => s.showPlayerProblem);
  const setOpen = useLabStore((s) => s.setLessonsOpen);
  const { loadLessons, play, stop } = usePlayer();

  useEffect(() => {
    if (open) loadLessons();
  }, [open, loadLessons]);

  if (!open) return null;
  const value = !playing ? "" : playing.kind === "file" ? FILE : playing.name;

  return (
    <section className="lesson-player" aria-label={t("lesson.player")}>
      <div className="lesson-bar">
        <label className="lesson-pick">
          <span>{t("lesson.lesson")}</span>
          <select
            value={value}
            onChange={(e) => {
              const lesson = lessons?.find((l) => l.name === e.target.value);
              if (lesson) play({ kind: "lesson", name: lesson.name, title: lesson.title, scenario: lesson.scenario });
            }}
          >
            <option value="" disabled>
              {lessons ? t("lesson.choose") : t("lesson.loading")}
            </option>
            {lessons?.map((l) => (
              <option key={l.name} value={l.name}>
                {l.title[language]}
              </option>
            ))}
            {playing?.kind === "file" && <option value={FILE}>{playing.title?.[language] ?? playing.name}</option>}
          </select>
        </label>
        <PlayerControls />
        <LessonFiles />
        <button
          type="button"
          className="lesson-close"
          onClick={() => {
            stop();
            setOpen(false);
          }}
          aria-label={t("lesson.close")}
          title={t("lesson.close")}
        >
          ✕
        </button>
      </div>
      {problem && (
        <p className="lesson-problem" role="alert">
          {problem}{" "}
          <button type="button" className="small" onClick={() => showProblem(null)}>
            {t("error.dismiss")}
          </button>
        </p>
      )}
      <StepView />
    </section>
  );
}
