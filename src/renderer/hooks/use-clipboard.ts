import { useEffect, useState } from "react";
import { useT } from "./use-t";

export interface CopyFeedback {
  readonly ok: boolean;
  readonly text: string;
}

/** Copies text to the clipboard and says what happened, for a few seconds, in `feedback`. */
export function useClipboard() {
  const t = useT();
  const [feedback, setFeedback] = useState<CopyFeedback | null>(null);
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(null), 4000);
    return () => clearTimeout(timer);
  }, [feedback]);

  async function copy(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setFeedback({ ok: true, text: done });
    } catch (err) {
      setFeedback({ ok: false, text: t("log.detail.copyFailed", { why: err instanceof Error ? err.message : String(err) }) });
    }
  }

  return { copy, feedback };
}
