import type { StateCreator } from "zustand";
import { EMPTY_STREAM, foldFraming } from "../model/framing/stream-fold";
import type { EventReducer, LabState } from "./state/lab-state";
import type { FramingSlice } from "./state/framing";

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
