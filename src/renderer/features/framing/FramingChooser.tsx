import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import type { PlainKey } from "../../../shared/i18n";
import { useLabClient, useLabStore } from "../../store/context";
import { pyName } from "../console/python";
import { pyError } from "../../../shared/python-repr";
import { FRAMING_CHOICES, type DraftResult, type FramingChoice, type FramingDraft } from "./framing-draft";

const CHOICE_LABEL: Record<FramingChoice, PlainKey> = {
  newline: "framing.choice.newline",
  nul: "framing.choice.nul",
  custom: "framing.choice.custom",
  "ascii-separator": "framing.choice.asciiSeparator",
  "ascii-width": "framing.choice.asciiWidth",
  u16be: "framing.choice.u16be",
  u32be: "framing.choice.u32be",
  u16le: "framing.choice.u16le",
  u32le: "framing.choice.u32le",
};

interface Props {
  readonly socket: SocketSnapshot;
  readonly draft: FramingDraft;
  readonly checked: DraftResult;
  readonly onChange: (draft: FramingDraft) => void;
}

/** The framing the Lab decodes this connection with (set_framing); the composer sends with the same choice. */
export function FramingChooser({ socket, draft, checked, onChange }: Props) {
  const t = useT();
  const client = useLabClient();
  const startConsoleLine = useLabStore((s) => s.startConsoleLine);
  const finishConsoleLine = useLabStore((s) => s.finishConsoleLine);
  const showError = useLabStore((s) => s.showError);
  const set = (change: Partial<FramingDraft>) => onChange({ ...draft, ...change });

  async function apply(on: boolean): Promise<void> {
    if (on && !checked.ok) return;
    const framing = on && checked.ok ? checked.config : null;
    const note = on ? t("framing.lab.on", { name: pyName(socket.fd) }) : t("framing.lab.off", { name: pyName(socket.fd) });
    // Not a Python call: the Lab's view of the stream, so the console marks it as the Lab's.
    const id = startConsoleLine(note, true);
    const reply = await client.call("set_framing", { fd: socket.fd, framing });
    if (reply.ok) finishConsoleLine(id, { text: note, status: "ok", outcome: "" });
    else {
      showError("set_framing", reply.error);
      finishConsoleLine(id, { text: note, status: "error", outcome: pyError(reply.error) });
    }
  }

  return (
    <div className="framing-chooser" role="group" aria-label={t("framing.chooser")}>
      <label>
        {t("framing.kind")}
        <select value={draft.choice} onChange={(e) => set({ choice: e.target.value as FramingChoice })}>
          {FRAMING_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(CHOICE_LABEL[choice])}
            </option>
          ))}
        </select>
      </label>
      {draft.choice === "custom" && (
        <>
          <label>
            {t("framing.delimiter")}
            <input className="mono narrow-input" value={draft.delimiter} onChange={(e) => set({ delimiter: e.target.value })} title={t("field.dataHint")} />
          </label>
          <label>
            {t("field.dataMode")}
            <select value={draft.delimiterMode} onChange={(e) => set({ delimiterMode: e.target.value === "hex" ? "hex" : "text" })}>
              <option value="text">{t("field.modeText")}</option>
              <option value="hex">{t("field.modeHex")}</option>
            </select>
          </label>
        </>
      )}
      {(draft.choice === "custom" || draft.choice === "newline" || draft.choice === "nul") && (
        <label className="check" title={t("framing.escapeHint")}>
          <input type="checkbox" checked={draft.escape} onChange={(e) => set({ escape: e.target.checked })} />
          {t("framing.escape")}
        </label>
      )}
      {draft.choice === "ascii-separator" && (
        <label>
          {t("framing.separator")}
          <input className="mono tiny-input" value={draft.separator} onChange={(e) => set({ separator: e.target.value })} />
        </label>
      )}
      {draft.choice === "ascii-width" && (
        <label>
          {t("framing.width")}
          <input className="mono num tiny-input" inputMode="numeric" value={draft.width} onChange={(e) => set({ width: e.target.value })} />
        </label>
      )}
      <label title={t("framing.maxFrameHint")}>
        {t("framing.maxFrame")}
        <input className="mono num narrow-input" inputMode="numeric" placeholder="16777216" value={draft.maxFrame} onChange={(e) => set({ maxFrame: e.target.value })} />
      </label>
      <div className="chooser-buttons">
        <button type="button" className="primary" disabled={!checked.ok} onClick={() => void apply(true)}>
          {t("framing.decode")}
        </button>
        <button type="button" disabled={socket.framing === null} onClick={() => void apply(false)}>
          {t("framing.stop")}
        </button>
      </div>
      {!checked.ok && <p className="problem">{t(checked.problem)}</p>}
    </div>
  );
}
