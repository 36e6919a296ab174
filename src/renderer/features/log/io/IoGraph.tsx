import { useEffect, useMemo, useState } from "react";
import { useT } from "../../../hooks/use-t";
import { scanFor } from "../view/scan-budget";
import type { ViewSnapshot } from "../view/live-view";
import { formatRate, IoSeries } from "./io-series";
import { IoPlot, PALETTE } from "./IoPlot";
import { useElementSize } from "../../../hooks/use-element-size";
import "./io.css";

const BUCKETS = [100_000, 1_000_000, 10_000_000] as const;
/** Buckets drawn: the newest this many. */
const SHOWN = 120;

/** Bytes per second per socket over time, for the rows the filter keeps. */
export function IoGraph({ snapshot }: { snapshot: ViewSnapshot }) {
  const t = useT();
  const { ring, filter, version } = snapshot;
  const [bucketUs, setBucketUs] = useState<number>(1_000_000);
  const epoch = ring.epoch;
  const series = useMemo(() => new IoSeries(bucketUs, filter.test, epoch), [bucketUs, filter, epoch]);
  const [pass, setPass] = useState(0);
  const complete = useMemo(() => scanFor((deadline) => series.update(ring, deadline), version, pass), [series, ring, version, pass]);
  useEffect(() => {
    if (complete) return;
    const frame = requestAnimationFrame(() => setPass((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [complete, pass]);
  const [plotRef, size] = useElementSize<HTMLDivElement>();
  const io = series.window(SHOWN);

  return (
    <div className="io-graph">
      <div className="view-bar">
        <label>
          {t("log.io.bucket")}
          <select aria-label={t("log.io.bucket")} value={bucketUs} onChange={(e) => setBucketUs(Number(e.target.value))}>
            {BUCKETS.map((us) => (
              <option key={us} value={us}>
                {us / 1000} ms
              </option>
            ))}
          </select>
        </label>
        <ul className="io-legend" aria-label={t("log.io.legend")}>
          {io.lines.map((line) => (
            <li key={line.fd} className={`io-c${line.fd % PALETTE}`}>
              <span className="swatch" aria-hidden />
              fd {line.fd} · {t("log.io.peak", { rate: formatRate(line.peak) })}
            </li>
          ))}
        </ul>
      </div>
      <div className="io-plot" ref={plotRef}>
        {io.lines.length === 0 ? <p className="muted view-empty">{t("log.io.empty")}</p> : <IoPlot io={io} width={size.width} height={size.height} />}
      </div>
    </div>
  );
}
