import { useId, useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import "./engine.css";

/**
 * Which engine runs the Lab's sockets, in a word beside the title; the
 * explanation (and why the portable engine runs, if the kernel one could
 * not) shows on hover and on keyboard focus, and stays while pinned by a
 * click or Enter (a class reading it off the projector). Escape hides it.
 */
export function EngineBadge() {
  const t = useT();
  const engine = useLabStore((s) => s.engine);
  const [pinned, setPinned] = useState(false);
  // Escape hides the explanation until the badge is left and come back to (hover or focus would show it again at once).
  const [dismissed, setDismissed] = useState(false);
  const tip = useId();
  if (!engine) return null;
  const explanation =
    engine.name === "kernel" ? t("engine.kernel") : engine.fallback ? t("engine.fallback", { portable: t("engine.portable"), reason: engine.fallback }) : t("engine.portable");
  return (
    <span className={`engine${dismissed ? " dismissed" : ""}`} onMouseLeave={() => setDismissed(false)}>
      <button
        type="button"
        className={`engine-badge engine-${engine.name}`}
        aria-label={t("engine.label", { name: engine.name })}
        aria-describedby={tip}
        aria-expanded={pinned}
        onClick={() => {
          setPinned(!pinned);
          setDismissed(false);
        }}
        onBlur={() => setDismissed(false)}
        onKeyDown={(e) => {
          if (e.key !== "Escape" || dismissed) return;
          e.stopPropagation();
          setPinned(false);
          setDismissed(true);
        }}
      >
        <span className="engine-dot" aria-hidden />
        {engine.name}
      </button>
      <span id={tip} role="tooltip" className={`engine-tip${pinned ? " pinned" : ""}`}>
        {explanation}
      </span>
    </span>
  );
}
