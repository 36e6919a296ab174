import { POLL_FLAGS } from "../../../shared/poll-flags";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { REGISTRABLE_FLAGS } from "../../model/flags/flag-meta";
import { flagTooltip } from "./flag-text";

/** Which events the watcher (and poll once) registers; POLLERR, POLLHUP and POLLNVAL are reported whatever one asks. */
export function MaskChooser() {
  const t = useT();
  const mask = useLabStore((s) => s.flagMask);
  const setMask = useLabStore((s) => s.setFlagMask);
  const registered = REGISTRABLE_FLAGS.filter((name) => (mask & POLL_FLAGS[name]) !== 0);
  const of = REGISTRABLE_FLAGS.length;
  const summary =
    registered.length === of
      ? t("flags.registerAll", { of })
      : registered.length === 0
        ? t("flags.registerNone")
        : t("flags.register", { names: registered.join(", "), n: registered.length, of });

  return (
    <details className="mask-chooser">
      <summary>{summary}</summary>
      <fieldset>
        <legend className="sr-only">{t("flags.registerLegend")}</legend>
        {REGISTRABLE_FLAGS.map((name) => (
          <label key={name} title={flagTooltip(name, t)}>
            <input
              type="checkbox"
              checked={(mask & POLL_FLAGS[name]) !== 0}
              onChange={(e) => setMask(e.target.checked ? mask | POLL_FLAGS[name] : mask & ~POLL_FLAGS[name])}
            />
            <span className="mono">{name}</span>
          </label>
        ))}
        <p className="always muted">{t("flags.alwaysNote")}</p>
      </fieldset>
    </details>
  );
}
