import { useId, useState, type FormEvent } from "react";
import { HOSTS_LIMITS, hostNameProblem, LOCAL_HOST, MAX_HOST_NAME_LENGTH, type HostStatus } from "../../../shared/hosts";
import { parsePairingUrl } from "../../../shared/pairing-url";
import type { Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { suggestedName } from "../../model/hosts/timeline";

type Outcome = { readonly ok: boolean; readonly text: string };

function nameProblem(t: Translate, name: string, hosts: readonly HostStatus[]): string | null {
  if (name === "") return null;
  if (hostNameProblem(name) !== null) return t("hosts.name.bad", { max: MAX_HOST_NAME_LENGTH });
  if (name === LOCAL_HOST || hosts.some((h) => h.name === name)) return t("hosts.name.taken", { name });
  return null;
}

function urlProblem(t: Translate, url: string): string | null {
  if (url === "") return null;
  try {
    parsePairingUrl(url);
    return null;
  } catch {
    return t("hosts.url.bad");
  }
}

/** Pairs with an agent by the URL it printed (or reconnects to one paired before) under a name of the person's choosing. */
export function AddHostForm() {
  const t = useT();
  const client = useLabClient();
  const hosts = useLabStore((s) => s.hosts);
  const added = useLabStore((s) => s.hostAdded);
  const [name, setName] = useState(() => suggestedName(hosts));
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ids = { name: useId(), url: useId(), outcome: useId() };
  const badName = nameProblem(t, name, hosts);
  const badUrl = urlProblem(t, url.trim());
  const ready = name !== "" && url.trim() !== "" && badName === null && badUrl === null && !busy;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setOutcome(null);
    void client.call("hosts_add", { name, url: url.trim() }).then((reply) => {
      setBusy(false);
      if (!reply.ok) {
        setOutcome({ ok: false, text: `${reply.error.type}: ${reply.error.message}` });
        return;
      }
      const host = reply.result;
      added(host);
      setOutcome({
        ok: true,
        text: host.pairedWithCode ? t("hosts.paired", { agent: host.agent, name: host.name, code: host.pairedWithCode }) : t("hosts.known", { agent: host.agent, name: host.name }),
      });
      setUrl("");
      setName(suggestedName([...hosts, host]));
    });
  };

  return (
    <form className="hosts-form" aria-label={t("hosts.add")} onSubmit={submit}>
      <div className="hosts-row">
        <label htmlFor={ids.name}>
          {t("hosts.name")}
          <input
            id={ids.name}
            className="mono hosts-name"
            value={name}
            maxLength={MAX_HOST_NAME_LENGTH}
            spellCheck={false}
            title={t("hosts.name.hint")}
            aria-invalid={badName !== null}
            aria-describedby={badName ? `${ids.name}-bad` : undefined}
            onChange={(e) => setName(e.target.value.trim())}
          />
        </label>
        <label htmlFor={ids.url} className="grow">
          {t("hosts.url")}
          <input
            id={ids.url}
            className="mono"
            value={url}
            placeholder="wss://192.168.1.20:5748/?pair=…#sha256=…"
            maxLength={HOSTS_LIMITS.urlLength}
            spellCheck={false}
            autoComplete="off"
            title={t("hosts.url.hint")}
            aria-invalid={badUrl !== null}
            aria-describedby={badUrl ? `${ids.url}-bad` : undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={!ready} aria-describedby={outcome ? ids.outcome : undefined}>
          {busy ? t("hosts.pairing") : t("hosts.pair")}
        </button>
      </div>
      {badName && (
        <p id={`${ids.name}-bad`} className="hosts-problem">
          {badName}
        </p>
      )}
      {badUrl && (
        <p id={`${ids.url}-bad`} className="hosts-problem">
          {badUrl}
        </p>
      )}
      {outcome && (
        <p id={ids.outcome} className={outcome.ok ? "hosts-outcome ok" : "hosts-outcome error"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
