import { useState, type FormEvent, type ReactNode } from "react";
import { Popover } from "../../components/Popover";
import { useT } from "../../hooks/use-t";

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

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const done = await onSubmit().finally(() => setBusy(false));
    if (done) onDone();
  }

  return (
    <Popover title={title} onDone={onDone} onSubmit={(e) => void submit(e)} focusFirst="input, select, button[type=submit]">
      {children}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Popover>
  );
}
