import { POLL_FLAGS, type PollFlagName } from "../../../shared/poll-flags";
import type { Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import type { LabState } from "../../store/state/lab-state";
import { pyName } from "../console/python";
import { isAlways, MATRIX_FLAGS, shortName, toneOf } from "../../model/flags/flag-meta";
import { flagTooltip } from "./flag-text";

const EMPTY: ReadonlyMap<number, number> = new Map();
const currentReadings = (s: LabState) => (s.flagWatcher === null ? EMPTY : (s.readings.get(s.flagWatcher) ?? EMPTY));

type CellState = "on" | "off" | "unregistered" | "never" | "waiting";

function cellState(name: PollFlagName, revents: number | undefined, mask: number): CellState {
  if (name === "POLLPRI") return "never";
  if (!isAlways(name) && (mask & POLL_FLAGS[name]) === 0) return "unregistered";
  if (revents === undefined) return "waiting";
  return (revents & POLL_FLAGS[name]) !== 0 ? "on" : "off";
}

/** Filled disc for on, hollow ring for off: shape tells them apart as well as colour does. */
const GLYPH: Record<CellState, string> = { on: "●", off: "○", unregistered: "–", never: "⊘", waiting: "…" };

function Cell({ fd, name, state, t }: { fd: number; name: PollFlagName; state: CellState; t: Translate }) {
  return (
    <td className={`light ${state} tone-${toneOf(name)}`} aria-label={`${pyName(fd)} ${name}: ${t(`flags.cell.${state}`)}`} title={flagTooltip(name, t)}>
      <span aria-hidden>{GLYPH[state]}</span>
    </td>
  );
}

/** fd × flag: every flag of the tutorial, lit the moment a readiness event says so. */
export function LightsMatrix() {
  const t = useT();
  const fds = useLabStore((s) => s.flagFds);
  const mask = useLabStore((s) => s.flagMask);
  const readings = useLabStore(currentReadings);
  if (fds.length === 0) return <p className="flags-hint muted">{t("flags.chooseHint")}</p>;

  return (
    <div className="matrix-wrap">
      <table className="lights" aria-label={t("flags.matrix")}>
        <thead>
          <tr>
            <th scope="col" className="fd-head">
              {t("flags.socketCol")}
            </th>
            {MATRIX_FLAGS.map((name) => (
              <th key={name} scope="col" title={flagTooltip(name, t)} className={`flag-head tone-${toneOf(name)}`}>
                <span className="vertical mono">{shortName(name)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fds.map((fd) => {
            const revents = readings.get(fd);
            const stale = revents !== undefined && (revents & POLL_FLAGS.POLLNVAL) !== 0;
            return (
              <tr key={fd} className={stale ? "stale" : undefined}>
                <th scope="row" className="fd-cell mono">
                  <span className="name">{pyName(fd)}</span>
                  {revents !== undefined && (
                    <span className="revents num" title={t("flags.reventsHint")}>
                      <span className="revents-label">revents</span>
                      {revents}
                    </span>
                  )}
                </th>
                {MATRIX_FLAGS.map((name) => (
                  <Cell key={name} fd={fd} name={name} state={cellState(name, revents, mask)} t={t} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="legend muted" aria-hidden>
        <span className="light-key on">●</span> {t("flags.cell.on")} <span className="light-key">○</span> {t("flags.cell.off")} <span className="light-key">–</span>{" "}
        {t("flags.cell.unregistered")} <span className="light-key">⊘</span> {t("flags.neverShort")}
      </p>
    </div>
  );
}
