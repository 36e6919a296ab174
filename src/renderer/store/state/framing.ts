import type { FramingViews } from "../../model/framing/stream-fold";

export interface FramingSlice {
  /** Per connection: arrivals, reads and frames since its framing was chosen. */
  readonly framingViews: FramingViews;
  /** Forgets what the view of this connection showed (the framing itself stays). */
  clearFramingView(fd: number): void;
}
