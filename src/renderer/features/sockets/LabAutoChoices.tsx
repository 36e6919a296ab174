import { useId } from "react";
import { useT } from "../../hooks/use-t";

/**
 * The Lab's auto modes in a quick form, off unless picked: a socket made
 * from the UI behaves like a Python program's (bytes wait for recv()).
 */
export function LabAutoChoices({
  recv,
  onRecv,
  accept,
  onAccept,
}: {
  recv: boolean;
  onRecv: (on: boolean) => void;
  accept?: boolean;
  onAccept?: (on: boolean) => void;
}) {
  const t = useT();
  const hint = useId();
  return (
    <fieldset className="lab-auto" aria-describedby={hint}>
      <legend>
        <span className="lab-badge">{t("lab.notPython")}</span>
      </legend>
      {accept !== undefined && onAccept && (
        <label className="check">
          <input type="checkbox" checked={accept} onChange={(e) => onAccept(e.target.checked)} />
          {t("lab.formAutoAccept")}
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={recv} onChange={(e) => onRecv(e.target.checked)} />
        {t("lab.formAutoRecv")}
      </label>
      <p id={hint} className="hint">
        {t("lab.formAutoHint")}
      </p>
    </fieldset>
  );
}
