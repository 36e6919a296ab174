import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useT } from "../../i18n";

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
  useEffect(() => {
    // The control that opened the dialog gets focus back when it closes (Enter, Escape or Cancel), not <body>.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const form = ref.current;
    form?.querySelector<HTMLElement>("input, select, button[type=submit]")?.focus();
    return () => {
      const lost = document.activeElement === null || document.activeElement === document.body || form?.contains(document.activeElement);
      if (lost && opener?.isConnected) opener.focus();
    };
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
