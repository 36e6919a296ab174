import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { pyError } from "./python";

export function ConnectionBanner({ hasToken }: { hasToken: boolean }) {
  const t = useT();
  const connection = useLabStore((s) => s.connection);
  if (connection === "open") return null;
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
