import { memo } from "react";
import { translator, translate } from "../../../../shared/i18n";
import type { Language } from "../../../../shared/i18n/catalog";
import type { LogRing } from "../../../store/log-ring";
import type { Tone } from "../../../store/state/log-view";
import { castOfKind } from "../arrival";
import { dirArrow, relativeTime, route } from "./columns";

export interface LogRowProps {
  readonly ring: LogRing;
  /** The row's absolute index: its content never changes, so a row re-renders only when this does. */
  readonly abs: number;
  /** Position in the (filtered) view: the row's place in the grid. */
  readonly position: number;
  readonly selected: boolean;
  readonly tone: Tone | null;
  readonly language: Language;
}

/** One log row; cells are gridcells of the log grid, read from the ring's columns. */
export const LogRow = memo(function LogRow({ ring, abs, position, selected, tone, language }: LogRowProps) {
  const seq = ring.seq(abs);
  const kind = ring.kind(abs);
  const dir = ring.dir(abs);
  const fd = ring.fd(abs);
  const len = ring.len(abs);
  // Cut to the column's width on screen; whole in the tooltip.
  const text = ring.text(abs);
  const src = ring.src(abs);
  const dst = ring.dst(abs);
  // An arriving datagram on the kernel engine: the interface it came in on leads, as tcpdump -i any prints it.
  const ifname = dir === "in" ? ring.ifname(abs) : null;
  const cast = ifname ? castOfKind(kind) : null;
  const tr = translator(language);
  const arrived = ifname && cast && dst ? tr("arrival.title", { route: route(src, dst), dst, cast: tr(`arrival.cast.${cast}`), ifname }) : undefined;
  const classes = `log-row kind-${kind}${dir ? ` dir-${dir}` : ""}${tone ? ` tone-${tone}` : ""}`;
  return (
    <tr role="row" id={`log-row-${seq}`} className={classes} aria-rowindex={position + 2} aria-selected={selected} data-seq={seq}>
      <td role="gridcell" className="num mono">
        {seq}
      </td>
      <td role="gridcell" className="num mono">
        {relativeTime(ring.t(abs), ring.t0)}
      </td>
      <td role="gridcell" className="num mono">
        {fd >= 0 ? fd : ""}
      </td>
      <td role="gridcell" className="dir" title={dir ? translate(language, dir === "in" ? "log.dir.in" : "log.dir.out") : undefined}>
        {dirArrow(dir)}
      </td>
      <td role="gridcell" className="kind">
        <span className="kind-label">{translate(language, `log.kind.${kind}`)}</span>
      </td>
      <td role="gridcell" className="mono route" title={arrived}>
        {ifname && <span className="ifname">{ifname}</span>}
        {route(src, dst)}
      </td>
      <td role="gridcell" className="num mono">
        {len ?? ""}
      </td>
      <td role="gridcell" className="mono preview" title={text}>
        {text}
      </td>
    </tr>
  );
});
