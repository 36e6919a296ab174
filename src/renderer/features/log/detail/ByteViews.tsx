import { useElementSize } from "../../../hooks/use-element-size";
import { useT } from "../../../hooks/use-t";
import { asText, hexDump, type TextEncoding } from "./bytes-format";

/** A hex dump draws one line per 16 bytes; past this, copy still takes everything. */
export const SHOWN_BYTES = 16 * 1024;

/** Characters a 16-byte line takes ("0000  " + 16 × "xx " + a gap + 16 ASCII), and the room a character takes at the dump's type size. */
const WIDE_LINE_CHARS = 74;
const CHAR_PX = 7.9;

/** 16 bytes a line where the pane is wide enough, else 8: the ASCII column always shows. */
function usePerLine(): [(element: HTMLPreElement | null) => void, 8 | 16] {
  const [ref, { width }] = useElementSize<HTMLPreElement>();
  return [ref, width >= WIDE_LINE_CHARS * CHAR_PX ? 16 : 8];
}

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const [ref, perLine] = usePerLine();
  const lines = hexDump(bytes, SHOWN_BYTES, perLine);
  return (
    <pre ref={ref} className="hex-dump mono" aria-label={t("log.detail.hexDump")} tabIndex={0}>
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
