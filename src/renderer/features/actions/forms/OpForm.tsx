import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { CommandCall } from "../../../api/calls";
import { useT } from "../../../hooks/use-t";
import type { PlainKey } from "../../../../shared/i18n";
import { labNote } from "../../console/lab-notes";
import { pyCall } from "../../console/python";
import { useRunCommand } from "../../console/use-call";
import { useReturnFocus } from "../../../hooks/use-return-focus";

export interface OpFormProps {
  /** The operation's name, which is also the form's accessible name. */
  readonly op: string;
  /** The command the fields describe, or why they do not describe one yet. */
  readonly command: CommandCall | { readonly problem: PlainKey };
  readonly onClose: () => void;
  readonly hint?: string;
  readonly children?: ReactNode;
}

/**
 * The frame every operation's form shares: its fields, the Python line they
 * make (shown before it runs), and Run. The form stays open so a call can be
 * repeated; Escape or Cancel closes it.
 */
export function OpForm({ op, command, onClose, hint, children }: OpFormProps) {
  const t = useT();
  const run = useRunCommand();
  const [running, setRunning] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const ready = "name" in command ? command : null;
  const problem = "problem" in command ? command.problem : null;
  const python = ready ? pyCall(ready) : null;
  const line = ready ? (python ?? labNote(ready, t)) : null;

  // Before the focus moves into the form: Escape or Cancel gives it back to the button that opened it.
  useReturnFocus(ref);
  useEffect(() => {
    const form = ref.current;
    // The whole form, Run included, comes into view in the detail's scroll area (a projector has little height).
    form?.scrollIntoView({ block: "nearest" });
    form?.querySelector<HTMLElement>("input, select, button[type=submit]")?.focus({ preventScroll: true });
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    setRunning(true);
    try {
      await run(ready);
    } finally {
      setRunning(false);
    }
  }

  return (
    <form
      ref={ref}
      className="card op-form"
      aria-label={op}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <div className="op-row">
        {children}
        <div className="op-run">
          <p className={`py-preview mono${ready && python === null ? " lab" : ""}`}>
            {problem ? (
              <span className="problem">{t(problem)}</span>
            ) : (
              <>
                <span className="prompt" aria-hidden>
                  {python === null ? t("console.labTag") : ">>>"}
                </span>
                <code>{line}</code>
              </>
            )}
          </p>
          <div className="op-buttons">
            <button type="button" onClick={onClose}>
              {t("form.cancel")}
            </button>
            <button type="submit" className="primary" disabled={!ready || running} aria-busy={running}>
              {running ? t("action.running") : t("action.run")}
            </button>
          </div>
        </div>
      </div>
      {hint && <p className="op-hint">{hint}</p>}
    </form>
  );
}
