import type { LogRing } from "../../../store/log-ring";
import type { RowFilter } from "../filter/row-filter";
import { LogView } from "./log-view";
import { scanDeadline } from "./scan-budget";

/** What a render of the log sees: immutable, a new object whenever the view changed. */
export interface ViewSnapshot {
  readonly view: LogView;
  readonly ring: LogRing;
  readonly filter: RowFilter;
  readonly length: number;
  /** False while a new filter is still being run over older rows. */
  readonly complete: boolean;
  /** Rows that left the front of the view since the previous snapshot (for a paused table). */
  readonly shifted: number;
  readonly version: number;
}

/**
 * A filter's view kept current with the ring. `catchUp` is called while
 * rendering with the ring's version; repeated calls for the same version
 * return the same snapshot, so a render that React repeats changes nothing.
 */
export class LiveView {
  private readonly view: LogView;
  private last: ViewSnapshot | null = null;
  private lastKey = "";

  constructor(readonly filter: RowFilter) {
    this.view = new LogView(filter.test);
  }

  catchUp(ring: LogRing, version: number, pass: number): ViewSnapshot {
    const key = `${version}:${pass}`;
    if (this.last && this.lastKey === key) return this.last;
    const shifted = this.view.update(ring, scanDeadline());
    this.lastKey = key;
    this.last = { view: this.view, ring, filter: this.filter, length: this.view.length, complete: this.view.complete(ring), shifted, version };
    return this.last;
  }
}
