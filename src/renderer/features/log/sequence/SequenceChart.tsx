import type { SocketSnapshot } from "../../../../shared/socket-model";
import { formatAddress } from "../../../../shared/socket-model";
import { useLabStore } from "../../../store/context";
import { useT } from "../../../hooks/use-t";
import { buildSequence, type SequenceRow } from "../../../model/sequence/sequence-model";
import type { ViewSnapshot } from "../view/live-view";
import { pyName } from "../../console/python";
import { relativeTime } from "../table/columns";
import { SequenceCanvas } from "./SequenceCanvas";

/** Python names of the sockets bound at each endpoint: a listener and the connections it accepted share one. */
function socketNames(sockets: Iterable<SocketSnapshot>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const s of sockets) {
    const at = formatAddress(s.local);
    if (at) names.set(at, [...(names.get(at) ?? []), pyName(s.fd)]);
  }
  return names;
}

/** The most recent rows of the view that the chart lays out. */
const WINDOW = 300;

/** The log view's rows (this Lab's) as a sequence chart. */
export function SequenceChart({ snapshot }: { snapshot: ViewSnapshot }) {
  const t = useT();
  const sockets = useLabStore((s) => s.sockets);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const selected = useLabStore((s) => s.logSelected);
  const select = useLabStore((s) => s.selectLogEntry);

  const { view, ring, length } = snapshot;
  const rows: SequenceRow[] = [];
  for (let i = Math.max(0, length - WINDOW); i < length; i++) rows.push(ring.entry(view.at(i)));
  const names = socketNames(sockets.values());
  const model = buildSequence(rows, [...sockets.values()].map((s) => ({ fd: s.fd, local: formatAddress(s.local) })));
  // Colours as one socket sees it (the selected one, else the first column): arrows into it are "in", out of it "out".
  const mine = formatAddress(selectedFd === null ? null : sockets.get(selectedFd)?.local);
  const at = model.columns.findIndex((c) => c.host !== null && c.endpoint === mine);

  return (
    <SequenceCanvas
      model={model}
      heading={(i) => {
        const column = model.columns[i];
        return column?.host === null ? undefined : names.get(column?.endpoint ?? "")?.join(", ");
      }}
      perspective={Math.max(0, at)}
      selected={selected}
      idOf={(row) => row.seq}
      tagOf={(row) => `#${row.seq}`}
      timeOf={(row) => relativeTime(row.t, ring.t0)}
      onSelect={select}
      note={length > WINDOW && <span className="muted">{t("log.seq.partial", { shown: WINDOW, n: length })}</span>}
    />
  );
}
