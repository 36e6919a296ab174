import { useState } from "react";
import { STANDARD_PROTOCOLS, type StandardDiscoveryProtocol } from "../../../shared/discovery/contract";
import { PROTOCOL_LABELS } from "../../../shared/discovery/types";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { useOpenScenario } from "../lessons/LessonFiles";
import { scenarioInput } from "./draft";

/**
 * One probe as an experiment: the Lab writes the probe's scenario (the same
 * bytes from an ordinary UDP socket, then one answer read) for the form's
 * interface, name and timeout, and the lesson player opens it, to step
 * through, save, or export to Python.
 */
export function OpenProbeScenario({ disabled }: { disabled: boolean }) {
  const t = useT();
  const client = useLabClient();
  const draft = useLabStore((s) => s.discoveryDraft);
  const showError = useLabStore((s) => s.showError);
  const open = useOpenScenario();
  const [protocol, setProtocol] = useState<StandardDiscoveryProtocol>("mdns");
  const input = scenarioInput(draft, protocol);
  const why = input.ok ? t("disc.scenario.hint") : t("disc.scenario.needsName", { protocol: PROTOCOL_LABELS[protocol] });

  const make = async () => {
    if (!input.ok) return;
    const reply = await client.call("discover_scenario", input.input);
    if (!reply.ok) return showError("discover_scenario", reply.error);
    showError("discover_scenario", null);
    open(`${reply.result.name}.json`, JSON.stringify(reply.result));
  };

  return (
    <span className="disc-open" role="group" aria-label={t("disc.scenario.group")}>
      <select aria-label={t("disc.scenario.protocol")} value={protocol} onChange={(e) => setProtocol(e.target.value as StandardDiscoveryProtocol)} disabled={disabled}>
        {STANDARD_PROTOCOLS.map((p) => (
          <option key={p} value={p}>
            {PROTOCOL_LABELS[p]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="small"
        disabled={disabled || !input.ok}
        title={why}
        aria-describedby="disc-scenario-why"
        onClick={() => void make()}
      >
        {t("disc.scenario")}
      </button>
      <span id="disc-scenario-why" className="sr-only">
        {why}
      </span>
    </span>
  );
}
