import { useEffect } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { pyError } from "../../../shared/python-repr";

export function ConnectionBanner({ hasToken }: { hasToken: boolean }) {
  const t = useT();
  const connection = useLabStore((s) => s.connection);
  const sync = useLabStore((s) => s.sync);
  const requestSync = useLabStore((s) => s.requestSync);
  if (connection === "open") {
    // Until a snapshot succeeds the page holds the Lab's events back: a failure to take one is never silent.
    if (sync.kind === "retrying") {
      return (
        <div className="banner info" role="status">
          {t("conn.retrying", { error: pyError(sync.error), n: sync.attempt, of: sync.of })}
        </div>
      );
    }
    if (sync.kind === "failed") {
      return (
        <div className="banner error" role="alert">
          <span>{t("conn.syncFailed", { error: pyError(sync.error) })}</span>
          <button type="button" onClick={requestSync}>
            {t("conn.retry")}
          </button>
        </div>
      );
    }
    return null;
  }
  const text = !hasToken ? t("conn.noToken") : connection === "connecting" ? t("conn.connecting") : t("conn.closed");
  return (
    <div className={`banner ${connection === "closed" ? "error" : "info"}`} role="status">
      {text}
    </div>
  );
}

export function ErrorBanner() {
  const t = useT();
  const lastError = useLabStore((s) => s.lastError);
  const showError = useLabStore((s) => s.showError);
  if (!lastError) return null;
  return (
    <div className="banner error" role="alert">
      <span className="mono">
        {lastError.op}: {pyError(lastError.error)}
      </span>
      <button type="button" onClick={() => showError(lastError.op, null)}>
        {t("error.dismiss")}
      </button>
    </div>
  );
}

/** What was just saved: a live status line that clears itself after a while or when dismissed. */
export function NoticeBanner() {
  const t = useT();
  const notice = useLabStore((s) => s.notice);
  const showNotice = useLabStore((s) => s.showNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => showNotice(null), 8000);
    return () => clearTimeout(timer);
  }, [notice, showNotice]);
  return (
    <div className={notice ? "banner info notice" : "sr-only"} role="status">
      {notice && (
        <>
          <span>{notice.text}</span>
          <button type="button" onClick={() => showNotice(null)}>
            {t("error.dismiss")}
          </button>
        </>
      )}
    </div>
  );
}
