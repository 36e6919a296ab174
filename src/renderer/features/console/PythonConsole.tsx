import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import type { ConsoleLine } from "../../store/state/ui";
import { useInterrupt } from "./use-interrupt";
import { useClipboard } from "../../hooks/use-clipboard";
import "./console.css";

/** The session as a Python REPL would show it: each line after its prompt, what it printed below. */
function transcript(lines: readonly ConsoleLine[]): string {
  return lines.map((line) => `${line.lab ? "# Lab:" : ">>>"} ${line.text}${line.outcome ? `\n${line.outcome}` : ""}`).join("\n");
}

/** The session as Python: each call's line, then what it returned or raised; Lab notes are marked as not Python. */
export function PythonConsole() {
  const t = useT();
  const lines = useLabStore((s) => s.console);
  const { copy, feedback } = useClipboard();
  const interrupt = useInterrupt();
  return (
    <div className="console-box">
      <div
        className={`console${lines.length === 0 ? " empty" : ""}`}
        aria-label={t("detail.python")}
        aria-keyshortcuts={interrupt ? "Control+C" : undefined}
        role="log"
        tabIndex={0}
        onKeyDown={(e) => {
          // Ctrl+C with nothing selected is Python's interrupt; with a selection it stays Copy.
          if (interrupt && e.ctrlKey && e.key.toLowerCase() === "c" && !window.getSelection()?.toString()) {
            e.preventDefault();
            interrupt();
          }
        }}
      >
        <div>
          {lines.length === 0 && <p className="muted">{t("console.empty")}</p>}
          {lines.map((line) => (
            <div key={line.id} className={`line ${line.status}${line.lab ? " lab" : ""}`}>
              <span className="prompt">{line.lab ? t("console.labTag") : ">>>"}</span>{" "}
              <span className="mono">{line.text}</span>
              {line.status === "pending" && <span className="waiting">{t("console.waiting")}</span>}
              {line.outcome && <div className="mono outcome">{line.outcome}</div>}
            </div>
          ))}
        </div>
      </div>
      <div className="console-tools">
        <span role="status" className={feedback && !feedback.ok ? "copy-feedback bad" : "copy-feedback"}>
          {feedback?.text ?? ""}
        </span>
        <button type="button" className="small" disabled={lines.length === 0} onClick={() => void copy(transcript(lines), t("console.copied"))}>
          {t("console.copy")}
        </button>
      </div>
    </div>
  );
}
