import type { StateCreator } from "zustand";
import { EMPTY_STREAM, foldFraming, type FramingViews } from "../model/framing/stream-fold";
import type { EventReducer } from "./event-reducers";
import type { LabState } from "./store";

export interface FramingSlice {
  /** Per connection: arrivals, reads and frames since its framing was chosen. */
  readonly framingViews: FramingViews;
  /** Forgets what the view of this connection showed (the framing itself stays). */
  clearFramingView(fd: number): void;
}

export const createFramingSlice: StateCreator<LabState, [], [], FramingSlice> = (set) => ({
  framingViews: new Map(),
  clearFramingView: (fd) =>
    set(({ framingViews }) => {
      const view = framingViews.get(fd);
      if (!view) return {};
      return { framingViews: new Map(framingViews).set(fd, { ...view, in: EMPTY_STREAM, out: EMPTY_STREAM }) };
    }),
});

export const framingReducer: EventReducer = (events, state) => {
  const views = foldFraming(events, state.framingViews);
  return views && { framingViews: views };
};
