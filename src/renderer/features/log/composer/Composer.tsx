import { memo, useId, useState, type FormEvent } from "react";
import { preview } from "../../../../shared/bytes";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import { parseAddress, targetsFor, type AddressDraft } from "../../actions/address";
import { AddressFields } from "../../actions/forms/AddressFields";
import { pyName } from "../../console/python";
import { compose, hasMacros, MACROS, previewContext, type ComposeMode } from "./compose";
import { FileField } from "./FileField";
import { RunStatus } from "./RunStatus";
import { useComposerRun, type Payload } from "./use-composer-run";
import "./composer.css";

type Mode = ComposeMode | "file";

/** Text with escapes, hex, or a file; macros; sent once or repeated, to any socket. */
export const Composer = memo(function Composer() {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const [chosenFd, setFd] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>("text");
  const [text, setText] = useState("hello {{COUNTER}}\\n");
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [address, setAddress] = useState<AddressDraft>({ host: "127.0.0.1", port: "" });
  const [count, setCount] = useState("1");
  const [interval, setIntervalMs] = useState("100");
  const run = useComposerRun();
  const hintId = useId();

  const list = [...sockets.values()].sort((a, b) => a.fd - b.fd);
  const fd = chosenFd !== null && sockets.has(chosenFd) ? chosenFd : selectedFd !== null && sockets.has(selectedFd) ? selectedFd : (list[0]?.fd ?? null);
  const socket = fd === null ? undefined : sockets.get(fd);
  const needsAddress = socket?.type === "SOCK_DGRAM" && socket.remote === null;

  if (!socket || fd === null) return <p className="muted detail-empty">{t("log.compose.noSockets")}</p>;

  const example = mode === "file" ? (file ? { ok: true as const, bytes: file.bytes } : null) : compose(text, mode, previewContext());
  const times = Number(count);
  const every = Number(interval);
  const badRepeat = !Number.isInteger(times) || times < 1 || times > 1_000_000 || !(every >= 0 && every <= 3_600_000);
  const target = needsAddress ? parseAddress(address) : null;
  const ready = example?.ok === true && !badRepeat && (!needsAddress || target !== null) && run.progress === null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!ready || !example?.ok || fd === null) return;
    const payload: Payload = mode !== "file" && hasMacros(text) ? { kind: "template", text, mode } : { kind: "fixed", bytes: example.bytes };
    void run.start({ fd, address: target }, payload, times, every);
  }

  return (
    <form className="composer" aria-label={t("log.compose.title")} onSubmit={submit}>
      <div className="compose-row">
        <label>
          {t("log.compose.target")}
          <select aria-label={t("log.compose.target")} value={fd} onChange={(e) => setFd(Number(e.target.value))}>
            {list.map((s) => (
              <option key={s.fd} value={s.fd}>
                {pyName(s.fd)} · {s.type === "SOCK_STREAM" ? `TCP ${s.state}` : "UDP"}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented" aria-label={t("log.compose.as")}>
          {(["text", "hex", "file"] as const).map((m) => (
            <label key={m} className={mode === m ? "on" : undefined}>
              <input type="radio" name="compose-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(`log.compose.${m}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {needsAddress && (
        <div className="compose-row">
          <AddressFields value={address} onChange={setAddress} targets={targetsFor(sockets.values(), "SOCK_DGRAM", fd)} />
        </div>
      )}
      {mode === "file" ? (
        <FileField file={file} onFile={setFile} />
      ) : (
        <label className="compose-data">
          {t("log.compose.data")}
          <textarea className="mono" rows={3} value={text} spellCheck={false} aria-describedby={hintId} aria-invalid={example?.ok === false} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      <p id={hintId} className="compose-hint muted">
        {mode === "file" ? t("log.compose.hintFile") : t(mode === "hex" ? "log.compose.hintHex" : "log.compose.hintText", MACROS)}
      </p>
      {example && !example.ok ? (
        <p className="expr-problem" role="alert">
          {t(`log.compose.${example.problem}`, { ...MACROS, x: example.detail, at: example.at + 1 })}
        </p>
      ) : example ? (
        <p className="compose-preview mono">
          {t("log.compose.bytes", { count: example.bytes.length })} · b&apos;{preview(example.bytes)}&apos;
        </p>
      ) : null}
      <div className="compose-row">
        <label className="narrow">
          {t("log.compose.count")}
          <input className="mono num" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={badRepeat} />
        </label>
        <label className="narrow">
          {t("log.compose.interval")}
          <input className="mono num" inputMode="numeric" value={interval} onChange={(e) => setIntervalMs(e.target.value)} aria-invalid={badRepeat} />
        </label>
        <button type="submit" className="primary" disabled={!ready}>
          {times > 1 ? t("log.compose.repeat", { n: times }) : t("log.compose.send")}
        </button>
        {run.progress && (
          <button type="button" className="danger" onClick={() => void run.stop()}>
            {t("log.compose.stop")}
          </button>
        )}
      </div>
      <RunStatus progress={run.progress} outcome={run.outcome} />
    </form>
  );
});
