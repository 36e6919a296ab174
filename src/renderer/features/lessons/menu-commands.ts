import { useEffect, useRef } from "react";
import type { DesktopApi, LabApi, MenuCommand } from "../../../shared/api";
import { useLabStore } from "../../store/context";
import { recordedScenario } from "../../store/recording-slice";
import { fileStem } from "../scenario/download";
import { useDownload } from "../scenario/use-download";
import { useOpenScenario } from "./LessonFiles";
import { scenarioInput } from "../../model/lessons/scenario-input";

function isDesktop(api: LabApi): api is DesktopApi {
  return "onMenu" in api && typeof api.onMenu === "function";
}

const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The desktop menu's commands for the views this page owns: open and save
 * scenarios, language, theme, presenter mode and the lesson player; and
 * the page's language and theme, told to the shell so the menu follows. Browser mode has
 * no menu; there the same things are buttons.
 */
export function useMenuCommands(): void {
  const open = useOpenScenario();
  const language = useLabStore((s) => s.language);
  const setLanguage = useLabStore((s) => s.setLanguage);
  const theme = useLabStore((s) => s.theme);
  const setTheme = useLabStore((s) => s.setTheme);
  const presenter = useLabStore((s) => s.presenter);
  const setPresenter = useLabStore((s) => s.setPresenter);
  const lessonsOpen = useLabStore((s) => s.lessonsOpen);
  const setLessonsOpen = useLabStore((s) => s.setLessonsOpen);
  const setHostsOpen = useLabStore((s) => s.setHostsOpen);
  const setShareOpen = useLabStore((s) => s.setShareOpen);
  const steps = useLabStore((s) => s.recording.steps);
  const playing = useLabStore((s) => s.playing);
  const download = useDownload();

  const handle = (command: MenuCommand): void => {
    switch (command.kind) {
      case "open-scenario":
        return open(command.name, command.text);
      case "save-scenario": {
        // The recording is what a person made here; with none, save what the player plays.
        const recorded = steps.length > 0 ? recordedScenario("recorded", steps) : null;
        if (recorded?.ok) return download("recorded.json", asJson(recorded.scenario), "application/json");
        if (playing) download(`${fileStem(playing.name)}.json`, asJson(scenarioInput(playing.scenario)), "application/json");
        return;
      }
      case "language":
        return setLanguage(command.language);
      case "theme":
        return setTheme(command.theme);
      case "presenter":
        return setPresenter(!presenter);
      case "lessons":
        return setLessonsOpen(!lessonsOpen);
      case "hosts":
        return setHostsOpen(true);
      case "share":
        return setShareOpen(true);
      default:
        // Exporting the log, new sockets and About belong to their own views.
        return;
    }
  };

  // Subscribed once; each command is handled with the state of the latest render.
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    const api = window.socketLab;
    if (!api || !isDesktop(api)) return;
    return api.onMenu((command) => latest.current(command));
  }, []);
  useEffect(() => {
    const api = window.socketLab;
    if (api && isDesktop(api)) api.setPreferences({ language, theme });
  }, [language, theme]);
}
