import { useT } from "../../../hooks/use-t";
import { useClipboard } from "../../../hooks/use-clipboard";
import { COPY_FORMATS, type TextEncoding } from "./bytes-format";

type Format = keyof typeof COPY_FORMATS;

const LABELS = { hex: "log.detail.copyHex", python: "log.detail.copyPython", text: "log.detail.copyText" } as const;
const NAMES = { hex: "log.detail.asHex", python: "log.detail.asPython", text: "log.detail.asText" } as const;

/** Copy the bytes as hex, as a Python literal, or as text; a status line says what happened. */
export function CopyBar({ bytes, encoding }: { bytes: Uint8Array; encoding: TextEncoding }) {
  const t = useT();
  const { copy: write, feedback } = useClipboard();

  const copy = (format: Format) => write(COPY_FORMATS[format](bytes, encoding), t("log.detail.copied", { what: t(NAMES[format]), count: bytes.length }));

  return (
    <div className="copy-bar">
      {(Object.keys(LABELS) as Format[]).map((format) => (
        <button key={format} type="button" onClick={() => void copy(format)}>
          {t(LABELS[format])}
        </button>
      ))}
      <span role="status" className={feedback && !feedback.ok ? "copy-feedback bad" : "copy-feedback"}>
        {feedback?.text ?? ""}
      </span>
    </div>
  );
}
