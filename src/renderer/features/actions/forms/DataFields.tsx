import { useT } from "../../../hooks/use-t";
import type { DataMode } from "../data-input";

export interface DataDraft {
  readonly text: string;
  readonly mode: DataMode;
}

/** A payload as text (with Python escapes) or hex. */
export function DataFields({ value, onChange }: { value: DataDraft; onChange: (next: DataDraft) => void }) {
  const t = useT();
  return (
    <>
      <label className="wide">
        {t("field.data")}
        <input className="mono" value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} title={t("field.dataHint")} />
      </label>
      <label className="narrow">
        {t("field.dataMode")}
        <select value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value === "hex" ? "hex" : "text" })}>
          <option value="text">{t("field.modeText")}</option>
          <option value="hex">{t("field.modeHex")}</option>
        </select>
      </label>
    </>
  );
}
