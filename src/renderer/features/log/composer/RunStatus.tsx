import { useT } from "../../../hooks/use-t";
import type { Outcome } from "./use-composer-run";

/** A repeat's progress bar while it runs, and how it ended. */
export function RunStatus({ progress, outcome }: { progress: { sent: number; total: number } | null; outcome: Outcome | null }) {
  const t = useT();
  if (progress) {
    const label = t("log.compose.progress", { sent: progress.sent, total: progress.total });
    return (
      <div className="compose-status">
        <progress max={progress.total} value={progress.sent} aria-label={label} />
        <span role="status">{label}</span>
      </div>
    );
  }
  if (!outcome) return null;
  // A single send's failure is already on screen (the error banner and the console).
  if (outcome.total === 1) return null;
  const text =
    outcome.kind === "done"
      ? t("log.compose.done", { sent: outcome.sent, total: outcome.total })
      : outcome.kind === "stopped"
        ? t("log.compose.stopped", { sent: outcome.sent, total: outcome.total })
        : t("log.compose.failed", { sent: outcome.sent, total: outcome.total, why: outcome.why });
  return (
    <p className={`compose-status${outcome.kind === "failed" ? " bad" : ""}`} role="status">
      {text}
    </p>
  );
}
