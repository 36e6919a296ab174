import type { LabErrorInfo } from "../../shared/errors";
import type { LabEventBody } from "../../shared/events";
import { toLabErrorInfo } from "./node-errors";

interface Job {
  timer: NodeJS.Timeout | null;
  cancelled: boolean;
}

/**
 * Sending the same message every N ms, N times (a broadcast beacon, a load
 * for the log). Progress goes out as `job` events, so the UI can draw a bar
 * and a stop button; a failure stops the job and says why.
 */
export class RepeatJobs {
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(private readonly emit: (body: LabEventBody) => void) {}

  start(fd: number, total: number, intervalMs: number, sendOnce: () => Promise<unknown>): number {
    const id = this.nextId++;
    const job: Job = { timer: null, cancelled: false };
    this.jobs.set(id, job);
    let sent = 0;
    const report = (done: boolean, error: LabErrorInfo | null): void =>
      this.emit({ type: "job", job: id, fd, sent, total, done, error });
    const step = async (): Promise<void> => {
      if (job.cancelled) return;
      try {
        await sendOnce();
      } catch (err) {
        this.jobs.delete(id);
        report(true, toLabErrorInfo(err));
        return;
      }
      sent += 1;
      const done = sent >= total || job.cancelled;
      report(done, null);
      if (done) this.jobs.delete(id);
      else job.timer = setTimeout(() => void step(), intervalMs);
    };
    report(false, null);
    void step();
    return id;
  }

  cancel(id: number): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    job.cancelled = true;
    if (job.timer) clearTimeout(job.timer);
    this.jobs.delete(id);
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }
}
