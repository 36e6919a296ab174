import type { LabApi } from "../../shared/api";
import { predictChoices } from "../model/lessons/predict";
import { scenarioInput } from "../model/lessons/scenario-input";
import type { LessonChart, LessonsSlice } from "./state/lessons";
import type { LabState } from "./state/lab-state";

type Set = (partial: Partial<LabState> | ((state: LabState) => Partial<LabState>)) => void;
type Get = () => LabState;

export const EMPTY_CHART: LessonChart = { from: null, events: [], trimmed: 0, names: [] };

type Actions = Pick<LessonsSlice, "loadLessons" | "play" | "next" | "reveal" | "back" | "runAll" | "resetLesson" | "stopLesson">;

/**
 * The lesson player: a scenario session on the Lab's own sockets, stepped
 * from the UI. Each step runs in the Lab, so every socket view and the log
 * follow it. Going back re-runs the lesson from the start up to that step:
 * sockets cannot be un-sent. A reset may come while a step is still blocked;
 * whatever that step returns afterwards belongs to a session that is gone,
 * and is dropped.
 */
export function playerActions(set: Set, get: Get): Actions {
  const fail = (problem: string) => set({ playerProblem: problem, playerBusy: false });

  /** The seq of the Lab's latest event: the chart starts after it. */
  async function lastSeq(api: LabApi): Promise<number> {
    const reply = await api.call("snapshot", {});
    return reply.ok ? reply.result.seq : 0;
  }

  async function closeSession(api: LabApi): Promise<void> {
    const { session } = get();
    if (session === null) return;
    set({ session: null, chart: EMPTY_CHART });
    await api.call("scenario_close", { session });
  }

  /** A fresh session of what is playing, at step 0, its chart starting now. */
  async function openSession(api: LabApi): Promise<number | null> {
    await closeSession(api);
    const playing = get().playing;
    if (!playing) return null;
    const from = await lastSeq(api);
    const opened = await api.call("scenario_open", { scenario: scenarioInput(playing.scenario) });
    if (!opened.ok) {
      fail(opened.error.message);
      return null;
    }
    set({
      session: opened.result.session,
      position: 0,
      pending: false,
      guess: null,
      lines: [],
      playerProblem: null,
      chart: { ...EMPTY_CHART, from },
    });
    return opened.result.session;
  }

  /** Runs step `position`; false when nothing ran (the end, a failure, or the session went away meanwhile). */
  async function runOne(api: LabApi, session: number): Promise<boolean> {
    const { playing, position } = get();
    const step = playing?.scenario.steps[position];
    if (!step) return false;
    const reply = await api.call("scenario_step", { session });
    if (get().session !== session) return false;
    if (!reply.ok) {
      fail(reply.error.message);
      return false;
    }
    if (reply.result === null) return false;
    const { line, created } = reply.result;
    const names = created && (step.op === "socket" || step.op === "accept") ? [...get().chart.names, { name: step.as, fd: created.fd, fromSeq: created.since }] : get().chart.names;
    set((s) => ({ lines: [...s.lines, line], position: s.position + 1, chart: { ...s.chart, names } }));
    return true;
  }

  /** Runs `work` unless the player is already busy; keyboard repeats must not interleave steps. */
  async function exclusive(work: () => Promise<void>): Promise<void> {
    if (get().playerBusy) return;
    set({ playerBusy: true });
    try {
      await work();
    } finally {
      set({ playerBusy: false });
    }
  }

  async function ensureSession(api: LabApi): Promise<number | null> {
    return get().session ?? (await openSession(api));
  }

  return {
    loadLessons: async (api) => {
      if (get().lessonList) return;
      const reply = await api.call("lessons", {});
      if (reply.ok) set({ lessonList: reply.result });
      else fail(reply.error.message);
    },
    play: async (api, playing) => {
      // Not exclusive: a new lesson replaces one whose step still blocks (closing its session ends that step).
      const switching = get().playing !== null && get().playing !== playing;
      set({ playing, lessonsOpen: true });
      await closeSession(api);
      // Another lesson starts on a clean log: the old one's rows (and the FINs its closing sockets still report) stay out.
      if (switching) get().clearLogThrough(await lastSeq(api));
      await openSession(api);
    },
    next: (api) =>
      exclusive(async () => {
        const session = await ensureSession(api);
        const { playing, position, predict, pending } = get();
        if (session === null || !playing || position >= playing.scenario.steps.length) return;
        if (pending) {
          set({ guess: { step: position, choice: null } });
          if (await runOne(api, session)) set({ pending: false });
          return;
        }
        if (predict && predictChoices(playing.scenario.steps[position]!, position + 1)) {
          set({ pending: true, guess: null });
          return;
        }
        set({ guess: null });
        await runOne(api, session);
      }),
    reveal: (api, choice) =>
      exclusive(async () => {
        const session = get().session;
        if (session === null || !get().pending) return;
        set({ guess: { step: get().position, choice } });
        if (await runOne(api, session)) set({ pending: false });
      }),
    back: (api) =>
      exclusive(async () => {
        const { pending, position } = get();
        if (pending) return set({ pending: false });
        if (position === 0) return;
        const session = await openSession(api);
        if (session === null) return;
        for (let i = 0; i < position - 1; i++) if (!(await runOne(api, session))) break;
      }),
    runAll: (api) =>
      exclusive(async () => {
        const session = await ensureSession(api);
        if (session === null) return;
        set({ pending: false, guess: null });
        while (await runOne(api, session));
      }),
    resetLesson: async (api) => {
      // Not exclusive: a reset must be able to end a step that blocks.
      set({ pending: false, guess: null });
      await openSession(api);
    },
    stopLesson: async (api) => {
      await closeSession(api);
      set({ playing: null, position: 0, pending: false, guess: null, lines: [], presenter: false });
    },
  };
}
