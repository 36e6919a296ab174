import type { HostLogRow } from "../../../shared/hosts";
import type { RowColumns } from "../log/filter/compile";

/** The timeline's rows as the log filter reads columns (`t` counts from the first of them, as the log's does), `host` included. */
export function timelineColumns(rows: readonly HostLogRow[]): RowColumns {
  return {
    t0: rows[0]?.t ?? 0,
    seq: (i) => rows[i]!.seq,
    t: (i) => rows[i]!.t,
    fd: (i) => rows[i]!.fd,
    len: (i) => rows[i]!.len,
    kind: (i) => rows[i]!.kind,
    dir: (i) => rows[i]!.dir,
    src: (i) => rows[i]!.src,
    dst: (i) => rows[i]!.dst,
    text: (i) => rows[i]!.text,
    host: (i) => rows[i]!.host,
  };
}
