import { useState } from "react";
import { Popover } from "../../components/Popover";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { RECORDING_CAPACITY, recordedScenario } from "../../store/recording-slice";
import { opLabel } from "../actions/operations";
import { OpenScenarioButton } from "../lessons/LessonFiles";
import { stepPython } from "../lessons/python-line";
import { useCall } from "../console/use-call";
import { fileStem } from "./download";
import { useDownload } from "./use-download";
import "./scenario.css";

/** Steps shown in the menu: enough to see what was recorded last. */
const RECENT = 5;

/** The recording: how many steps, the last few, and what to do with them. */
export function ScenarioMenu({ onDone }: { onDone: () => void }) {
  const t = useT();
  const download = useDownload();
  const call = useCall();
  const { steps, left, overflow, sealed } = useLabStore((s) => s.recording);
  const clear = useLabStore((s) => s.clearRecording);
  const [name, setName] = useState("recorded");
  const checked = steps.length > 0 ? recordedScenario(name, steps) : null;
  const scenario = checked?.ok ? checked.scenario : null;

  function save(): void {
    if (scenario) download(`${fileStem(name)}.json`, `${JSON.stringify(scenario, null, 2)}\n`, "application/json");
  }

  async function exportPython(): Promise<void> {
    if (!scenario) return;
    const program = await call("export_python", { scenario });
    if (program) download(`${fileStem(name)}.py`, program.value, "text/x-python");
  }

  return (
    <Popover title={t("scenario.title")} className="scenario-menu" onDone={onDone} focusFirst="button:not(:disabled), input">
      <p className="scenario-count">
        <span className="mono num">{steps.length}</span> {t("scenario.steps", { count: steps.length })}
      </p>
      <p className="popover-note">{t("scenario.what")}</p>
      {steps.length > 0 && (
        <ol className="recent-steps mono" start={Math.max(1, steps.length - RECENT + 1)} aria-label={t("scenario.recent")}>
          {steps.slice(-RECENT).map((step, i) => (
            <li key={steps.length - RECENT + i} title={JSON.stringify(step)}>
              {stepPython(step)}
            </li>
          ))}
        </ol>
      )}
      {Object.keys(left).length > 0 && (
        <p className="warn-text scenario-left">
          {t("scenario.left", {
            list: Object.entries(left)
              .map(([what, n]) => `${opLabel(what, t)} ×${n}`)
              .join(", "),
          })}
        </p>
      )}
      {sealed ? (
        <p className="warn-text">{t("scenario.sealed", { count: overflow })}</p>
      ) : (
        overflow > 0 && <p className="warn-text">{t("scenario.overflow", { count: overflow, max: RECORDING_CAPACITY })}</p>
      )}
      {checked && !checked.ok && (
        <p className="warn-text" role="alert">
          {t("scenario.invalid", { problem: checked.problem })}
        </p>
      )}
      <label>
        {t("scenario.name")}
        <input className="mono" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </label>
      <div className="actions">
        <button type="button" className="clear" onClick={clear} disabled={steps.length === 0}>
          {t("scenario.clear")}
        </button>
        <OpenScenarioButton onOpened={onDone} />
        <button type="button" onClick={save} disabled={!scenario}>
          {t("scenario.save")}
        </button>
        <button type="button" className="primary" onClick={() => void exportPython()} disabled={!scenario}>
          {t("scenario.export")}
        </button>
      </div>
    </Popover>
  );
}
