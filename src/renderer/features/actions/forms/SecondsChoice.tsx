import { useT } from "../../../hooks/use-t";
import type { PlainKey } from "../../../../shared/i18n";

export interface SecondsDraft {
  /** false: the "none" choice (block forever, or policy off). */
  readonly limited: boolean;
  readonly seconds: string;
}

/** Seconds as the forms accept them: a non-negative number, at most an hour (the scenario format's bound). */
export function parseSeconds(draft: SecondsDraft): number | null | undefined {
  if (!draft.limited) return null;
  const value = Number(draft.seconds);
  return draft.seconds.trim() !== "" && Number.isFinite(value) && value >= 0 && value <= 3600 ? value : undefined;
}

/** Two choices: none (with its own label) or a number of seconds. */
export function SecondsChoice({
  legend,
  noneLabel,
  value,
  onChange,
}: {
  legend: string;
  noneLabel: PlainKey;
  value: SecondsDraft;
  onChange: (next: SecondsDraft) => void;
}) {
  const t = useT();
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      <label>
        <input type="radio" checked={!value.limited} onChange={() => onChange({ ...value, limited: false })} />
        {t(noneLabel)}
      </label>
      <label>
        <input type="radio" checked={value.limited} onChange={() => onChange({ ...value, limited: true })} />
        {t("field.seconds")}
        <input
          className={`mono num seconds${value.limited ? "" : " unpicked"}`}
          aria-label={t("field.seconds")}
          value={value.seconds}
          // Never disabled: typing a number is how a person says "seconds", so it picks this choice.
          onChange={(e) => onChange({ limited: true, seconds: e.target.value })}
          inputMode="decimal"
        />
      </label>
    </fieldset>
  );
}
