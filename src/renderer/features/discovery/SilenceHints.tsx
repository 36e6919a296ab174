import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { silence } from "../../model/discovery/model";
import { PROTOCOL_LABELS } from "../../../shared/discovery/types";

/** After a probe: for each protocol nobody answered, the usual reasons a device stays silent. */
export function SilenceHints() {
  const t = useT();
  const run = useLabStore((s) => s.discovery.run);
  const { silent, unnamed } = silence(run);
  if (silent.length === 0 && unnamed.length === 0) return null;
  return (
    <section className="disc-hints" aria-labelledby="disc-hints">
      <h3 id="disc-hints">{t("disc.hints")}</h3>
      <ul>
        {silent.map((p) => (
          <li key={p}>
            <strong>{t("disc.hints.silent", { protocol: PROTOCOL_LABELS[p] })}</strong> {t(`disc.hint.${p}`)}
          </li>
        ))}
        {unnamed.length > 0 && <li className="muted">{t("disc.hints.unnamed", { protocols: unnamed.map((p) => PROTOCOL_LABELS[p]).join(", ") })}</li>}
      </ul>
    </section>
  );
}
