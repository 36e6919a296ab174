import { useRef } from "react";
import { parseScenario } from "../../../shared/scenario";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { fileStem } from "../scenario/download";
import { useDownload } from "../scenario/use-download";
import { useCall } from "../console/use-call";
import { scenarioInput } from "../../model/lessons/scenario-input";
import { usePlayer } from "./use-player";

/** Reads a scenario file (JSON or YAML) and plays it; a file that does not parse says which step and field are wrong. */
export function useOpenScenario(): (name: string, text: string) => void {
  const player = usePlayer();
  const showProblem = useLabStore((s) => s.showPlayerProblem);
  const setOpen = useLabStore((s) => s.setLessonsOpen);
  return (name, text) => {
    setOpen(true);
    const parsed = parseScenario(text, name);
    if (!parsed.ok) return showProblem(parsed.error.message);
    const { scenario } = parsed;
    player.play({ kind: "file", name: scenario.name, title: scenario.title ?? null, scenario });
  };
}

/** "Open scenario…": a file picker in browser mode (Electron's menu sends the file's text instead). */
export function OpenScenarioButton({ onOpened }: { onOpened?: () => void }) {
  const t = useT();
  const open = useOpenScenario();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {t("lesson.file.open")}
      </button>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        aria-label={t("lesson.file.pick")}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          void file.text().then((text) => {
            open(file.name, text);
            onOpened?.();
          });
        }}
      />
    </>
  );
}

/** Save what is playing as a scenario file, or export it as a Python program. */
export function LessonFiles() {
  const t = useT();
  const call = useCall();
  const playing = useLabStore((s) => s.playing);
  const download = useDownload();

  function save(): void {
    if (!playing) return;
    download(`${fileStem(playing.name)}.json`, `${JSON.stringify(scenarioInput(playing.scenario), null, 2)}\n`, "application/json");
  }

  async function exportPython(): Promise<void> {
    if (!playing) return;
    const program = await call("export_python", { scenario: scenarioInput(playing.scenario) });
    if (program) download(`${fileStem(playing.name)}.py`, program.value, "text/x-python");
  }

  return (
    <span className="lesson-files">
      <OpenScenarioButton />
      <button type="button" onClick={save} disabled={!playing}>
        {t("lesson.file.save")}
      </button>
      <button type="button" onClick={() => void exportPython()} disabled={!playing}>
        {t("lesson.file.export")}
      </button>
    </span>
  );
}
