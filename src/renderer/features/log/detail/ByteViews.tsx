import { useLayoutEffect, useRef, useState } from "react";
import { useT } from "../../../hooks/use-t";
import { asText, hexDump, type TextEncoding } from "./bytes-format";

/** A hex dump draws one line per 16 bytes; past this, copy still takes everything. */
export const SHOWN_BYTES = 16 * 1024;

/** Characters a 16-byte line takes ("0000  " + 16 × "xx " + a gap + 16 ASCII), and the room a character takes at the dump's type size. */
const WIDE_LINE_CHARS = 74;
const CHAR_PX = 7.9;

/** 16 bytes a line where the pane is wide enough, else 8: the ASCII column always shows. */
function usePerLine(): [React.RefObject<HTMLPreElement | null>, 8 | 16] {
  const ref = useRef<HTMLPreElement>(null);
  const [perLine, setPerLine] = useState<8 | 16>(8);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const fit = () => setPerLine(el.clientWidth >= WIDE_LINE_CHARS * CHAR_PX + 24 ? 16 : 8);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, perLine];
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
