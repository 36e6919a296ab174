import { useMemo, useState } from "react";
import { LOCAL_HOST, type HostLogRow } from "../../../shared/hosts";
import { formatAddress } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { isSentDatagram } from "../../model/hosts/roll-call";
import { rowTime } from "../../model/hosts/timeline";
import { buildSequence, type SequenceSocket } from "../../model/sequence/sequence-model";
import { pyName } from "../console/python";
import { SequenceCanvas } from "../log/sequence/SequenceCanvas";

/** The newest rows the chart lays out (as the log's chart does). */
const WINDOW = 300;

/**
 * The timeline's rows as one sequence chart: a lifeline per host and
 * endpoint, arrows across hosts (a TCP send drawn once, from its sender; a
 * broadcast from its sender to every host's socket that heard it). Picking
 * a datagram a host sent asks the roll call who heard it.
 */
export function HostSequence({ rows }: { rows: readonly HostLogRow[] }) {
  const t = useT();
  const hosts = useLabStore((s) => s.hosts);
  const localSockets = useLabStore((s) => s.sockets);
  const picked = useLabStore((s) => s.hostPicked);
  const pick = useLabStore((s) => s.pickHostRow);
  const [selected, setSelected] = useState<number | null>(null);
  const windowed = useMemo(() => (rows.length > WINDOW ? rows.slice(-WINDOW) : rows), [rows]);

  const sockets = useMemo((): SequenceSocket[] => {
    const all: SequenceSocket[] = [...localSockets.values()].map((s) => ({ host: LOCAL_HOST, fd: s.fd, local: formatAddress(s.local) }));
    for (const h of hosts) for (const s of h.sockets) all.push({ host: h.name, fd: s.fd, local: formatAddress(s.local) });
    return all;
  }, [hosts, localSockets]);
  const model = useMemo(() => buildSequence(windowed, sockets), [windowed, sockets]);
  const names = useMemo(() => {
    const at = new Map<string, string[]>();
    for (const s of sockets) if (s.local !== null) at.set(`${s.host} ${s.local}`, [...(at.get(`${s.host} ${s.local}`) ?? []), pyName(s.fd)]);
    return at;
  }, [sockets]);
  const sender = rows.find((r) => r.i === picked);
  const from = sender ? model.columns.findIndex((c) => c.host === sender.host && c.endpoint === sender.src) : -1;

  return (
    <SequenceCanvas
      model={model}
      heading={(i) => {
        const column = model.columns[i];
        if (!column) return undefined;
        if (column.host === null) return t("hosts.seq.outside");
        const who = names.get(`${column.host} ${column.endpoint}`);
        return who ? `${column.host} · ${who.join(", ")}` : column.host;
      }}
      perspective={Math.max(0, from)}
      selected={selected ?? picked}
      idOf={(row) => row.i}
      tagOf={(row) => `${row.host} #${row.seq}`}
      timeOf={(row) => rowTime(row.t)}
      onSelect={(i) => {
        setSelected(i);
        const row = windowed.find((r) => r.i === i);
        if (row && isSentDatagram(row)) pick(i);
      }}
      note={rows.length > WINDOW && <span className="muted">{t("hosts.seq.partial", { shown: WINDOW, n: rows.length })}</span>}
    />
  );
}
