import { useEffect, useRef } from "react";
import type { LabErrorInfo } from "../../../shared/errors";
import { useT } from "../../hooks/use-t";
import { pyError } from "../../../shared/python-repr";
import { explainedSendError } from "./diagnose";

/**
 * A failed broadcast send, explained: what the kernel refused, why, and the
 * one change that fixes it (offered as a button where the panel can make it).
 */
export function SendErrorNote({ error, onFix }: { error: LabErrorInfo; onFix: (errno: "EACCES" | "ENETUNREACH") => void }) {
  const t = useT();
  const known = explainedSendError(error.errno);
  const ref = useRef<HTMLDivElement>(null);
  // The explanation is the point of a failed send: bring it into view.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [error]);
  return (
    <div ref={ref} className="bc-why" role="alert">
      <p className="mono bc-why-error">{pyError(error)}</p>
      {known && <p>{t(`bc.why.${known}`)}</p>}
      {(known === "EACCES" || known === "ENETUNREACH") && (
        <button type="button" className="primary" onClick={() => onFix(known)}>
          {t(known === "EACCES" ? "bc.fix.soBroadcast" : "bc.fix.subnet")}
        </button>
      )}
    </div>
  );
}
