import type { HostLogRow, HostsPoll, HostStatus } from "../../../shared/hosts";

/** The Hosts view: the console's paired agents and the newest rows of their shared timeline. */
export interface HostsSlice {
  readonly hostsOpen: boolean;
  /** The "Let a console drive this Lab" card is shown in the Hosts view. */
  readonly shareOpen: boolean;
  readonly hosts: readonly HostStatus[];
  /** The newest timeline rows (at most PAGE_ROWS), oldest first. */
  readonly hostRows: readonly HostLogRow[];
  /** Rows this page never showed: left the console's timeline before it read them, or past the page's own bound. */
  readonly hostRowsDropped: number;
  /** The one host whose rows the timeline shows, or null for all. */
  readonly hostFilter: string | null;
  /** A filter expression over the timeline's rows, in the log's language (`host == "b" && kind == broadcast`). */
  readonly hostExpression: string;
  /** The timeline row (its `i`) whose roll call is shown, or null. */
  readonly hostPicked: number | null;
  /** The Lab serves no hosts (it is an agent, or too old): the view says so instead of polling. */
  readonly hostsUnavailable: string | null;
  setHostsOpen(open: boolean): void;
  /** Shows or hides the sharing card; showing it opens the Hosts view. */
  setShareOpen(open: boolean): void;
  hostsPolled(poll: HostsPoll): void;
  hostAdded(host: HostStatus): void;
  hostRemoved(name: string): void;
  setHostFilter(host: string | null): void;
  setHostExpression(expression: string): void;
  pickHostRow(i: number | null): void;
  setHostsUnavailable(reason: string): void;
}
