import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import "./console.css";

/** The session as Python: each call's line, then what it returned or raised; Lab notes are marked as not Python. */
export function PythonConsole() {
  const t = useT();
  const lines = useLabStore((s) => s.console);
  return (
    <div className="console" aria-label={t("detail.python")} role="log" tabIndex={0}>
      <div>
        {lines.length === 0 && <p className="muted">{t("console.empty")}</p>}
        {lines.map((line) => (
          <div key={line.id} className={`line ${line.status}${line.lab ? " lab" : ""}`}>
            <span className="prompt">{line.lab ? "Lab" : ">>>"}</span>{" "}
            <span className="mono">{line.text}</span>
            {line.status === "pending" && <span className="waiting">{t("console.waiting")}</span>}
            {line.outcome && <div className="mono outcome">{line.outcome}</div>}
          </div>
        ))}
      </div>
    </div>
  );
}
