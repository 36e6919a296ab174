import { useEffect, type RefObject } from "react";

/**
 * Gives focus back to the control that opened a dialog or form when it
 * closes (Enter, Escape, Cancel), instead of leaving it on <body>, where a
 * keyboard user would start again from the top of the page.
 */
export function useReturnFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = ref.current;
    return () => {
      const active = document.activeElement;
      const lost = active === null || active === document.body || (box?.contains(active) ?? false);
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
