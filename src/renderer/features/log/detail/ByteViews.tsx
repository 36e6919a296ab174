import { useT } from "../../../i18n";
import { asText, hexDump, type TextEncoding } from "./bytes-format";

/** A hex dump draws one line per 16 bytes; past this, copy still takes everything. */
export const SHOWN_BYTES = 16 * 1024;

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const lines = hexDump(bytes, SHOWN_BYTES);
  return (
    <pre className="hex-dump mono" aria-label={t("log.detail.hexDump")} tabIndex={0}>
      {lines.map((line) => (
        <span key={line.offset} className="hex-line">
          <span className="hex-offset">{line.offset}</span>
          {"  "}
          <span className="hex-bytes">{line.hex}</span>
          {"  "}
          <span className="hex-ascii">{line.ascii}</span>
          {"\n"}
        </span>
      ))}
    </pre>
  );
}

export function TextView({ bytes, encoding }: { bytes: Uint8Array; encoding: TextEncoding }) {
  const t = useT();
  return (
    <pre className="text-view mono" aria-label={t("log.detail.textView")} tabIndex={0}>
      {asText(bytes.subarray(0, SHOWN_BYTES), encoding)}
    </pre>
  );
}
