import { useRef, type KeyboardEvent } from "react";
import { sortedRows, type DeviceRow, type ProtocolCell } from "../../../shared/discovery/roll-call";
import { PROTOCOL_LABELS, type Cast, type DiscoveryProtocol } from "../../../shared/discovery/types";
import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { clockTime, formatRtt, isStale, type RunInfo } from "../../model/discovery/model";
import { UndecodableList } from "./UndecodableList";
import { useNow } from "./use-discovery-poll";

const NAMES_SHOWN = 2;

function how(t: Translate, cell: ProtocolCell): string {
  return [
    cell.answered && t("disc.cell.answered"),
    cell.announced && t("disc.cell.announced"),
    cell.queried && t("disc.cell.queried"),
    cell.saidGoodbye && t("disc.cell.goodbye"),
  ]
    .filter(Boolean)
    .join(", ");
}

function castsOf(row: DeviceRow): Cast[] {
  const all = new Set<Cast>();
  for (const cell of Object.values(row.protocols)) for (const c of cell?.casts ?? []) all.add(c);
  return [...all];
}

function ProtocolChips({ row }: { row: DeviceRow }) {
  const t = useT();
  return (
    <span className="disc-chips">
      {(Object.entries(row.protocols) as [DiscoveryProtocol, ProtocolCell][]).map(([p, cell]) => (
        <span
          key={p}
          className={`disc-chip${cell.answered ? " answered" : ""}${cell.queried && !cell.answered && !cell.announced ? " queried" : ""}${cell.saidGoodbye ? " goodbye" : ""}`}
          title={how(t, cell)}
        >
          {PROTOCOL_LABELS[p]}
          {cell.rttMs !== null && <span className="mono"> {formatRtt(cell.rttMs)}</span>}
        </span>
      ))}
    </span>
  );
}

function rowLabel(t: Translate, row: DeviceRow): string {
  const protocols = (Object.entries(row.protocols) as [DiscoveryProtocol, ProtocolCell][])
    .map(([p, cell]) => `${PROTOCOL_LABELS[p]} ${how(t, cell)}${cell.rttMs !== null ? ` ${formatRtt(cell.rttMs)}` : ""}`)
    .join("; ");
  return t("disc.rowLabel", { address: row.address, names: row.names.slice(0, NAMES_SHOWN).join(", ") || "–", protocols });
}

function Row({ row, run, now, selected, focusable }: { row: DeviceRow; run: RunInfo | null; now: number; selected: boolean; focusable: boolean }) {
  const t = useT();
  const select = useLabStore((s) => s.selectDiscovery);
  const stale = isStale(row, run, now);
  const casts = castsOf(row);
  const extra = row.names.length - NAMES_SHOWN;
  const second = row.services[0] ?? row.usns[0] ?? null;
  return (
    <tr
      data-address={row.address}
      className={`${selected ? "selected" : ""}${stale ? " stale" : ""}`}
      aria-selected={selected}
      aria-label={rowLabel(t, row)}
      tabIndex={focusable ? 0 : -1}
      onClick={() => select({ kind: "device", address: row.address })}
    >
      <td>
        <span className="mono disc-address">{row.address}</span>
        {stale && <span className="disc-stale-tag">{t("disc.stale", { time: clockTime(row.lastSeen).slice(0, 8) })}</span>}
        {row.names.length > 0 && (
          <span className="disc-sub">
            {row.names.slice(0, NAMES_SHOWN).join(", ")}
            {extra > 0 && <span className="muted"> {t("disc.more", { n: extra })}</span>}
          </span>
        )}
        {second && <span className="disc-sub muted mono">{second}</span>}
      </td>
      <td>
        <ProtocolChips row={row} />
      </td>
      <td>
        <span className="mono">{row.ifnames.join(", ") || "?"}</span>
        <span className="disc-sub muted">{casts.length ? casts.map((c) => t(`disc.cast.${c}`)).join(", ") : t("disc.cast.unknown")}</span>
      </td>
      <td className="mono disc-seen">
        {clockTime(row.firstSeen).slice(0, 8)}
        <span className="disc-sub">{clockTime(row.lastSeen).slice(0, 8)}</span>
      </td>
    </tr>
  );
}

/** The roll call: one row per device. Arrow keys move the selection, Enter goes to its detail. */
export function RollCallTable() {
  const t = useT();
  const view = useLabStore((s) => s.discovery);
  const selection = useLabStore((s) => s.discoverySelection);
  const select = useLabStore((s) => s.selectDiscovery);
  const now = useNow(5000);
  const body = useRef<HTMLTableSectionElement>(null);
  const rows = sortedRows(view.rollCall);
  const selectedAddress = selection?.kind === "device" ? selection.address : null;
  const selectedIndex = rows.findIndex((r) => r.address === selectedAddress);
  const focusIndex = selectedIndex >= 0 ? selectedIndex : 0;

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = rows.findIndex((r) => r.address === (e.target as HTMLElement).dataset.address);
    if (current < 0) return;
    const to = e.key === "ArrowDown" ? current + 1 : e.key === "ArrowUp" ? current - 1 : e.key === "Home" ? 0 : e.key === "End" ? rows.length - 1 : null;
    if (to !== null) {
      e.preventDefault();
      const row = rows[Math.max(0, Math.min(rows.length - 1, to))]!;
      select({ kind: "device", address: row.address });
      body.current?.querySelector<HTMLElement>(`tr[data-address="${CSS.escape(row.address)}"]`)?.focus();
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      select({ kind: "device", address: rows[current]!.address });
      // The detail pane renders the selection; move there once it has.
      requestAnimationFrame(() => document.getElementById("disc-detail-heading")?.focus());
    }
  };

  return (
    <div className="disc-rollcall">
      {/* A grid, so its rows may be selected (aria-selected); the arrow keys move between rows. */}
      <table className="data-table disc-table" role="grid" aria-readonly aria-label={t("disc.table")}>
        {/* Fixed widths: the grid fits its column, chips and names wrap or end in … rather than push "last seen" out of sight. */}
        <colgroup>
          <col className="c-device" />
          <col className="c-protocols" />
          <col className="c-via" />
          <col className="c-seen" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t("disc.col.device")}</th>
            <th scope="col">{t("disc.col.protocols")}</th>
            <th scope="col">{t("disc.col.via")}</th>
            <th scope="col">{t("disc.col.seen")}</th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {rows.map((row, i) => (
            <Row key={row.address} row={row} run={view.run} now={now} selected={row.address === selectedAddress} focusable={i === focusIndex} />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted disc-empty">{t("disc.none")}</p>}
      <UndecodableList />
    </div>
  );
}
