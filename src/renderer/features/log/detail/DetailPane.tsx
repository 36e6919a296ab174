import { memo, useState } from "react";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import type { LogEntry } from "../../../../shared/log-entry";
import type { TextEncoding } from "./bytes-format";
import { HexView, SHOWN_BYTES, TextView } from "./ByteViews";
import { CopyBar } from "./CopyBar";
import { EntrySummary } from "./EntrySummary";
import { usePayload, type PayloadState } from "./use-payload";
import { streamKeyOf } from "../stream/connections";
import "./detail.css";

type Show = "hex" | "text" | "frame";

/** The selected row: its fields, and its bytes fetched from the Lab as hex + ASCII, text, or (frames) the frame. */
export const DetailPane = memo(function DetailPane() {
  const t = useT();
  const ring = useLabStore((s) => s.log);
  const seq = useLabStore((s) => s.logSelected);
  // A number, not the log's version: this pane redraws when its row is chosen or leaves the log, not on every batch.
  const abs = useLabStore((s) => (s.logSelected === null ? -1 : s.log.findSeq(s.logSelected)));
  const entry = abs >= 0 ? ring.entry(abs) : null;
  const payload = usePayload(entry?.seq ?? null, entry?.kind ?? null, abs >= 0 ? ring.payloadsAfter(abs) : 0);

  if (seq === null) return <p className="muted detail-empty">{t("log.detail.none")}</p>;
  if (!entry) return <p className="muted detail-empty">{t("log.detail.gone", { seq })}</p>;
  return (
    <div className="log-detail">
      <EntrySummary entry={entry} t0={ring.t0} />
      <PayloadView entry={entry} payload={payload} />
    </div>
  );
});

function PayloadView({ entry, payload }: { entry: LogEntry; payload: PayloadState }) {
  const t = useT();
  const follow = useLabStore((s) => s.followLogStream);
  const [show, setShow] = useState<Show>("hex");
  const [encoding, setEncoding] = useState<TextEncoding>("utf-8");
  const stream = streamKeyOf(entry);
  const followButton = stream && (
    <button type="button" onClick={() => follow(stream)}>
      {t("log.detail.followStream")}
    </button>
  );

  if (payload.status === "none") return <div className="detail-actions">{followButton}<p className="muted">{t("log.detail.noPayload")}</p></div>;
  if (payload.status === "loading") return <p className="muted">{t("log.detail.loading")}</p>;
  if (payload.status === "dropped") return <p className="detail-warn" role="note">{t("log.detail.dropped", { n: payload.kept })}</p>;
  if (payload.status === "failed") return <p className="detail-warn" role="note">{t("log.detail.failed", { why: payload.message })}</p>;

  const { bytes } = payload;
  const views: Show[] = entry.kind === "frame" ? ["hex", "text", "frame"] : ["hex", "text"];
  const current = views.includes(show) ? show : "hex";
  return (
    <>
      <div className="detail-actions">
        <div className="segmented" role="radiogroup" aria-label={t("log.detail.view")}>
          {views.map((view) => (
            <button key={view} type="button" role="radio" aria-checked={current === view} onClick={() => setShow(view)}>
              {t(`log.detail.${view}`)}
            </button>
          ))}
        </div>
        {current === "text" && (
          <label>
            {t("log.detail.encoding")}
            <select aria-label={t("log.detail.encoding")} value={encoding} onChange={(e) => setEncoding(e.target.value === "latin-1" ? "latin-1" : "utf-8")}>
              <option value="utf-8">UTF-8</option>
              <option value="latin-1">Latin-1</option>
            </select>
          </label>
        )}
        {followButton}
      </div>
      {current === "hex" && <HexView bytes={bytes} />}
      {current === "text" && <TextView bytes={bytes} encoding={encoding} />}
      {current === "frame" && entry.span && (
        <div className="frame-view">
          <p>{t("log.detail.span", { a: entry.span.start.offset, s1: entry.span.start.seq, b: entry.span.end.offset, s2: entry.span.end.seq })}</p>
          <TextView bytes={bytes} encoding={encoding} />
        </div>
      )}
      {bytes.length > SHOWN_BYTES && <p className="muted">{t("log.detail.truncated", { shown: SHOWN_BYTES, n: bytes.length })}</p>}
      <CopyBar bytes={bytes} encoding={encoding} />
    </>
  );
}
