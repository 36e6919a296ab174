import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useT } from "../../hooks/use-t";
import { useReturnFocus } from "../../hooks/use-return-focus";

/**
 * The header's small dialogs: a title, fields, Cancel and one action.
 * `onSubmit` resolves true when the dialog may close; Escape closes it.
 */
export function PopoverForm({
  title,
  submitLabel,
  onSubmit,
  onDone,
  children,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<boolean>;
  onDone: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  // Before the focus moves into the dialog: the hook notes who opened it.
  useReturnFocus(ref);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("input, select, button[type=submit]")?.focus();
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const done = await onSubmit().finally(() => setBusy(false));
    if (done) onDone();
  }

  return (
    <form
      ref={ref}
      className="popover"
      role="dialog"
      aria-label={title}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone();
      }}
    >
      <h2>{title}</h2>
      {children}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
