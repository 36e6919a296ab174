import { endpoint } from "../../model/endpoint";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { PROTOCOL_LABELS } from "../../../shared/discovery/types";

/** Shown at most; the roll call keeps more (ROLL_CALL_LIMITS.undecodable), newest first. */
const SHOWN = 50;

/** Every datagram that did not decode, newest first: select one for its bytes and why. */
export function UndecodableList() {
  const t = useT();
  const list = useLabStore((s) => s.discovery.rollCall.undecodable);
  const dropped = useLabStore((s) => s.discovery.rollCall.undecodableDropped);
  const selection = useLabStore((s) => s.discoverySelection);
  const select = useLabStore((s) => s.selectDiscovery);
  if (list.length === 0) return null;
  const shown = [...list].reverse().slice(0, SHOWN);
  return (
    <details className="disc-undecodable">
      <summary>
        {t("disc.undecodable")} <span className="count num warn">{list.length}</span>
      </summary>
      <ul>
        {shown.map((u, i) => (
          <li key={`${u.at}-${i}`}>
            <button
              type="button"
              className={`disc-undec-row${selection?.kind === "undecodable" && selection.datagram === u ? " selected" : ""}`}
              aria-pressed={selection?.kind === "undecodable" && selection.datagram === u}
              onClick={() => select({ kind: "undecodable", datagram: u })}
            >
              {t("disc.undecodable.row", { protocol: PROTOCOL_LABELS[u.protocol], src: endpoint(u.src), count: u.len, reason: u.reason })}
            </button>
          </li>
        ))}
      </ul>
      {dropped > 0 && <p className="dropped">{t("disc.undecodable.dropped", { n: dropped })}</p>}
    </details>
  );
}
