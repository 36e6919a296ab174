import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { useReturnFocus } from "../hooks/use-return-focus";

/**
 * A small non-modal dialog under the button that opened it: its title as
 * heading and name, Escape closes it, and the focus goes in (to the first
 * control `focusFirst` picks, if any) and back to the opener when it closes.
 * With `onSubmit` it is a form, so Enter in a field submits it.
 */
export function Popover({
  title,
  className,
  onDone,
  onSubmit,
  focusFirst,
  children,
}: {
  title: string;
  className?: string;
  onDone: () => void;
  onSubmit?: (event: FormEvent) => void;
  /** A selector for the control to focus when it opens. */
  focusFirst?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement & HTMLDivElement>(null);
  // Before the focus moves into the dialog: the hook notes who opened it.
  useReturnFocus(ref);
  useEffect(() => {
    if (focusFirst) ref.current?.querySelector<HTMLElement>(focusFirst)?.focus();
  }, [focusFirst]);
  const props = {
    ref,
    className: className ? `popover ${className}` : "popover",
    role: "dialog",
    "aria-label": title,
    onKeyDown: (e: { key: string }) => {
      if (e.key === "Escape") onDone();
    },
  };
  const body = (
    <>
      <h2>{title}</h2>
      {children}
    </>
  );
  return onSubmit ? (
    <form {...props} onSubmit={onSubmit}>
      {body}
    </form>
  ) : (
    <div {...props}>{body}</div>
  );
}
