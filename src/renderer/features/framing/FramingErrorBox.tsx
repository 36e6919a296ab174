import type { LabErrorInfo } from "../../../shared/errors";
import { DEFAULT_MAX_FRAME, describeHeader, type FramingConfig } from "../../../shared/framing";
import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { spacedHex } from "./header-text";

/**
 * Why a byte order mismatch looks like a huge frame: the same four bytes
 * read both ways, when one reading is a sensible length and the other is not.
 */
function byteOrderHint(config: FramingConfig, header: Uint8Array | null, t: Translate): string | null {
  if (config.kind === "delimiter" || config.encoding === "ascii" || !header) return null;
  const description = describeHeader(config, header);
  if (description.kind !== "binary" || !description.complete) return null;
  const limit = config.maxFrame ?? DEFAULT_MAX_FRAME;
  const { bigEndian, littleEndian } = description;
  const bytes = spacedHex(description.bytes);
  const fixed = config.encoding.slice(0, 3);
  if (!description.networkOrder && bigEndian !== null && bigEndian <= limit) {
    return t("framing.hint.senderBigEndian", { bytes, le: littleEndian ?? 0, be: bigEndian, fix: `${fixed}be` });
  }
  if (description.networkOrder && littleEndian !== null && littleEndian <= limit) {
    return t("framing.hint.senderLittleEndian", { bytes, be: bigEndian ?? 0, le: littleEndian, fix: `${fixed}le` });
  }
  return null;
}

/** The framing error that stopped decoding, said plainly, with what the header bytes meant. */
export function FramingErrorBox({ error, config, header }: { error: LabErrorInfo; config: FramingConfig; header: Uint8Array | null }) {
  const t = useT();
  const hint = byteOrderHint(config, header, t);
  return (
    <div className="framing-error" role="alert">
      <p className="error-head">
        <span className="badge" aria-hidden>
          ✕
        </span>
        <span className="mono">
          {error.type} [{error.errno}]
        </span>
      </p>
      <p className="mono">{error.message}</p>
      {hint && <p className="hint">{hint}</p>}
      <p className="muted">{t("framing.stoppedNote")}</p>
    </div>
  );
}
