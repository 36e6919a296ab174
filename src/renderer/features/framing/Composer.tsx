import { useState, type FormEvent } from "react";
import { fromHex, utf8 } from "../../../shared/bytes";
import type { FramingConfig } from "../../../shared/framing";
import { useT } from "../../hooks/use-t";
import type { PlainKey } from "../../../shared/i18n";
import { parseData } from "../actions/data-input";
import { generatedPayload, pyMessage } from "./python-frames";
import { planLines, useFramedSend, type SendPlan } from "./use-framed-send";

type Source = "text" | "hex" | "generated";
type Mode = SendPlan["kind"];

/** A lesson needs a few pieces to show reassembly; hundreds would only flood the log. */
const MAX_PARTS = 100;
const MAX_COPIES = 100;
const MAX_GENERATED = 4 * 1024 * 1024;
const MAX_DELAY_MS = 10_000;

interface Draft {
  readonly source: Source;
  readonly text: string;
  readonly size: string;
  readonly mode: Mode;
  readonly parts: string;
  readonly delayMs: string;
  readonly count: string;
}

const START: Draft = { source: "text", text: "hello", size: "70000", mode: "one", parts: "3", delayMs: "200", count: "3" };

function whole(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

type Checked = { ok: true; payload: Uint8Array; msg: string; plan: SendPlan } | { ok: false; problem: PlainKey };

function check(draft: Draft): Checked {
  let payload: Uint8Array;
  if (draft.source === "generated") {
    const size = whole(draft.size, 0, MAX_GENERATED);
    if (size === null) return { ok: false, problem: "framing.badSize" };
    payload = generatedPayload(size);
  } else {
    const parsed = parseData(draft.text, draft.source);
    if (!parsed.ok) return { ok: false, problem: parsed.problem };
    payload = typeof parsed.data === "string" ? utf8(parsed.data) : fromHex(parsed.data.hex);
  }
  const msg = pyMessage(payload, draft.source === "generated");
  if (draft.mode === "one") return { ok: true, payload, msg, plan: { kind: "one" } };
  if (draft.mode === "coalesce") {
    const count = whole(draft.count, 1, MAX_COPIES);
    return count === null ? { ok: false, problem: "framing.badCount" } : { ok: true, payload, msg, plan: { kind: "coalesce", count } };
  }
  const parts = whole(draft.parts, 1, MAX_PARTS);
  const delayMs = whole(draft.delayMs, 0, MAX_DELAY_MS);
  if (parts === null) return { ok: false, problem: "framing.badParts" };
  if (delayMs === null) return { ok: false, problem: "framing.badDelay" };
  return { ok: true, payload, msg, plan: { kind: "split", parts, delayMs } };
}

/** Sends framed messages with this connection's chosen framing: whole, cut into timed pieces, or several in one write. */
export function Composer({ fd, config }: { fd: number; config: FramingConfig | null }) {
  const t = useT();
  const send = useFramedSend();
  const [draft, setDraft] = useState<Draft>(START);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const checked = check(draft);
  const lines = checked.ok && config ? planLines(fd, config, checked.msg, checked.payload.length, checked.plan) : null;
  const problem: PlainKey | null = !config ? "framing.chooseFirst" : checked.ok ? null : checked.problem;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!checked.ok || !config) return;
    setBusy(true);
    try {
      await send(fd, config, checked.payload, checked.msg, checked.plan);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="composer" aria-label={t("framing.composer")} onSubmit={(e) => void submit(e)}>
      <h3 className="sub-title">{t("framing.composer")}</h3>
      <div className="composer-row">
        {draft.source === "generated" ? (
          <label>
            {t("framing.size")}
            <input className="mono num narrow-input" inputMode="numeric" value={draft.size} onChange={(e) => set({ size: e.target.value })} />
          </label>
        ) : (
          <label className="wide">
            {t("framing.message")}
            <input className="mono" value={draft.text} onChange={(e) => set({ text: e.target.value })} title={t("field.dataHint")} />
          </label>
        )}
        <label>
          {t("field.dataMode")}
          <select value={draft.source} onChange={(e) => set({ source: e.target.value as Source })}>
            <option value="text">{t("field.modeText")}</option>
            <option value="hex">{t("field.modeHex")}</option>
            <option value="generated">{t("framing.generated")}</option>
          </select>
        </label>
      </div>
      <fieldset className="composer-modes">
        <legend>{t("framing.writes")}</legend>
        <label className="check">
          <input type="radio" name={`mode-${fd}`} checked={draft.mode === "one"} onChange={() => set({ mode: "one" })} />
          {t("framing.mode.one")}
        </label>
        <label className="check">
          <input type="radio" name={`mode-${fd}`} checked={draft.mode === "split"} onChange={() => set({ mode: "split" })} />
          {t("framing.mode.split")}
        </label>
        {draft.mode === "split" && (
          <span className="mode-fields">
            <label>
              {t("framing.parts")}
              <input className="mono num tiny-input" inputMode="numeric" value={draft.parts} onChange={(e) => set({ parts: e.target.value })} />
            </label>
            <label>
              {t("framing.delay")}
              <input className="mono num tiny-input" inputMode="numeric" value={draft.delayMs} onChange={(e) => set({ delayMs: e.target.value })} />
            </label>
          </span>
        )}
        <label className="check">
          <input type="radio" name={`mode-${fd}`} checked={draft.mode === "coalesce"} onChange={() => set({ mode: "coalesce" })} />
          {t("framing.mode.coalesce")}
        </label>
        {draft.mode === "coalesce" && (
          <span className="mode-fields">
            <label>
              {t("framing.count")}
              <input className="mono num tiny-input" inputMode="numeric" value={draft.count} onChange={(e) => set({ count: e.target.value })} />
            </label>
          </span>
        )}
      </fieldset>
      <div className="composer-run">
        <div className="composer-preview mono">
          {problem ? (
            <span className="problem">{t(problem)}</span>
          ) : (
            lines && (
              <>
                <div>
                  <span className="prompt" aria-hidden>
                    {">>> "}
                  </span>
                  {lines.setup}
                </div>
                {lines.writes.map((line, i) => (
                  <div key={i}>
                    <span className="prompt" aria-hidden>
                      {">>> "}
                    </span>
                    {line}
                  </div>
                ))}
              </>
            )
          )}
        </div>
        <button type="submit" className="primary" disabled={problem !== null || busy} aria-busy={busy}>
          {busy ? t("action.running") : t("framing.send")}
        </button>
      </div>
    </form>
  );
}
