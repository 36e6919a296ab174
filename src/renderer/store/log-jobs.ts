import type { JobProgress } from "../../shared/events";
import type { EventReducer } from "./state/lab-state";

/** The latest jobs only: a progress bar needs its own job, not history. */
const KEEP = 32;

/**
 * Progress of the Lab's `repeat` jobs, by job id. The host sends a call's
 * events before its reply, so the first progress arrives before the caller
 * knows its job id: every job is followed, a few at a time.
 */
export const logJobsReducer: EventReducer = (events, state) => {
  let jobs: Map<number, JobProgress> | null = null;
  for (const event of events) {
    if (event.type !== "job") continue;
    jobs ??= new Map(state.logJobs);
    jobs.delete(event.job);
    jobs.set(event.job, { job: event.job, fd: event.fd, sent: event.sent, total: event.total, done: event.done, error: event.error });
    if (jobs.size > KEEP) jobs.delete(jobs.keys().next().value!);
  }
  return jobs ? { logJobs: jobs } : null;
};
