import { useState } from "react";
import { STANDARD_PROTOCOLS } from "../../../shared/discovery/contract";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { startInput, type DraftProblem } from "./draft";
import { OpenProbeScenario } from "./OpenProbeScenario";
import { PROTOCOL_LABELS } from "../../../shared/discovery/types";

/** Where and what to ask: interface, protocols, a name, the timeout, a probe of one's own; Probe, Listen, Stop. */
export function DiscoveryForm() {
  const t = useT();
  const client = useLabClient();
  const draft = useLabStore((s) => s.discoveryDraft);
  const setDraft = useLabStore((s) => s.setDiscoveryDraft);
  const interfaces = useLabStore((s) => s.interfaces);
  const run = useLabStore((s) => s.discovery.run);
  const started = useLabStore((s) => s.discoveryStarted);
  const showError = useLabStore((s) => s.showError);
  const clear = useLabStore((s) => s.clearDiscovery);
  const [problems, setProblems] = useState<readonly DraftProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const running = run !== null && run.done === null;
  const listening = running && run.passive;
  const v4 = (interfaces ?? []).filter((i) => i.family === "AF_INET");

  const start = async (passive: boolean) => {
    const parsed = startInput(draft, passive);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    setBusy(true);
    const reply = await client.call("discover_start", parsed.input);
    setBusy(false);
    if (!reply.ok) {
      showError("discover_start", reply.error);
      return;
    }
    showError("discover_start", null);
    started(reply.result, { named: parsed.input.name !== null && parsed.input.name !== undefined, custom: parsed.input.probes?.length ?? 0 });
  };
  const stop = async () => {
    if (!run) return;
    const reply = await client.call("discover_stop", { discovery: run.discovery });
    if (!reply.ok) showError("discover_stop", reply.error);
  };
  const toggleProtocol = (p: (typeof STANDARD_PROTOCOLS)[number]) =>
    setDraft({ protocols: draft.protocols.includes(p) ? draft.protocols.filter((x) => x !== p) : STANDARD_PROTOCOLS.filter((x) => x === p || draft.protocols.includes(x)) });
  const bad = (p: DraftProblem) => problems.includes(p);
  const nothingToAsk = draft.protocols.length === 0 && !draft.probe.on;

  return (
    <form
      className="card disc-form"
      aria-label={t("disc.form")}
      onSubmit={(e) => {
        e.preventDefault();
        void start(false);
      }}
    >
      <div className="disc-row">
        <label>
          {t("disc.iface")}
          <select value={draft.iface} onChange={(e) => setDraft({ iface: e.target.value })} disabled={running}>
            <option value="">{t("disc.iface.all")}</option>
            {v4.map((i) => (
              <option key={`${i.name} ${i.address}`} value={i.name}>
                {t("disc.iface.option", { name: i.name, address: i.address })}
              </option>
            ))}
          </select>
        </label>
        <label className="narrow">
          {t("disc.timeout")}
          <span className="with-unit">
            <input
              value={draft.timeout}
              inputMode="decimal"
              onChange={(e) => setDraft({ timeout: e.target.value })}
              aria-invalid={bad("timeout")}
              aria-describedby={bad("timeout") ? "disc-timeout-bad" : undefined}
              disabled={running}
              size={4}
            />
            <span className="muted">{t("disc.timeout.unit")}</span>
          </span>
        </label>
        <label className="grow">
          {t("disc.name")}
          <input
            value={draft.name}
            placeholder={t("disc.name.placeholder")}
            onChange={(e) => setDraft({ name: e.target.value })}
            aria-invalid={bad("name")}
            aria-describedby={bad("name") ? "disc-name-bad" : "disc-name-hint"}
            disabled={running}
            title={t("disc.name.hint")}
            size={12}
          />
          <span id="disc-name-hint" className="sr-only">
            {t("disc.name.hint")}
          </span>
        </label>
        <div className="disc-actions">
          <button type="submit" className="primary" disabled={running || busy || nothingToAsk} title={t("disc.probe.hint")}>
            {t("disc.probe")}
          </button>
          <button
            type="button"
            aria-pressed={listening}
            disabled={busy || (running && !listening) || draft.protocols.length === 0}
            title={t("disc.listen.hint")}
            onClick={() => void (listening ? stop() : start(true))}
          >
            <span className="disc-dot" aria-hidden /> {t("disc.listen")}
          </button>
          <button type="button" disabled={!running || listening} onClick={() => void stop()}>
            {t("disc.stop")}
          </button>
        </div>
      </div>
      <div className="disc-row second">
        <fieldset className="disc-protocols" disabled={running}>
          <legend>{t("disc.protocols")}</legend>
          {STANDARD_PROTOCOLS.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" checked={draft.protocols.includes(p)} onChange={() => toggleProtocol(p)} />
              {PROTOCOL_LABELS[p]}
            </label>
          ))}
        </fieldset>
        <span className="disc-spacer" aria-hidden />
        <OpenProbeScenario disabled={running} />
        <button type="button" className="small" onClick={clear} disabled={running}>
          {t("disc.clear")}
        </button>
      </div>
      <details className="disc-custom" open={draft.probe.on || undefined}>
        <summary>{t("disc.custom")}</summary>
        <fieldset disabled={running}>
          <label className="check">
            <input type="checkbox" checked={draft.probe.on} onChange={(e) => setDraft({ probe: { ...draft.probe, on: e.target.checked } })} />
            {t("disc.custom.on")}
          </label>
          <div className="disc-row">
            <label>
              {t("disc.custom.address")}
              <input className="mono" value={draft.probe.address} onChange={(e) => setDraft({ probe: { ...draft.probe, address: e.target.value } })} aria-invalid={bad("probe")} size={15} />
            </label>
            <label className="narrow">
              {t("disc.custom.port")}
              <input className="mono" value={draft.probe.port} inputMode="numeric" onChange={(e) => setDraft({ probe: { ...draft.probe, port: e.target.value } })} aria-invalid={bad("probe")} size={6} />
            </label>
            <label className="grow">
              {t("disc.custom.hex")}
              <input className="mono" value={draft.probe.hex} onChange={(e) => setDraft({ probe: { ...draft.probe, hex: e.target.value } })} aria-invalid={bad("probe")} />
            </label>
            <label className="grow">
              {t("disc.custom.match")}
              <input className="mono" value={draft.probe.match} placeholder={t("disc.custom.match.placeholder")} onChange={(e) => setDraft({ probe: { ...draft.probe, match: e.target.value } })} />
            </label>
          </div>
        </fieldset>
      </details>
      {bad("name") && (
        <p id="disc-name-bad" className="disc-bad" role="alert">
          {t("disc.name")}: {t("disc.name.bad")}
        </p>
      )}
      {bad("timeout") && (
        <p id="disc-timeout-bad" className="disc-bad" role="alert">
          {t("disc.timeout")}: {t("disc.timeout.bad")}
        </p>
      )}
      {bad("probe") && (
        <p className="disc-bad" role="alert">
          {t("disc.custom.bad")}
        </p>
      )}
    </form>
  );
}
