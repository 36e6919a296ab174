import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** How long stop() lets a child end on its own (stdin closed, SIGTERM) before SIGKILL. */
const STOP_GRACE_MS = 1500;

/**
 * A child process that speaks one JSON object per line on stdout. Keeps every
 * line, lets a test wait for one that matches (with a deadline and an error
 * that shows what did arrive), and makes sure the child is gone at the end.
 */
export class JsonLinesProcess<Line extends object = Record<string, unknown>> {
  readonly lines: Line[] = [];
  private stderr = "";
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<void>;

  constructor(
    readonly label: string,
    readonly child: ChildProcess,
  ) {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      // Keep the tail only: it is for error messages.
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    createInterface({ input: child.stdout! }).on("line", (text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        this.stderr = (this.stderr + `\n[stdout, not JSON] ${text}`).slice(-4000);
        return;
      }
      this.lines.push(line);
      this.onLine(line);
      this.wake();
    });
    // Writing to a child that died must not crash the test process.
    child.stdin?.on("error", () => {});
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        this.onExit();
        this.wake();
        resolve();
      });
      child.once("error", (err) => {
        this.stderr += `\n${err.message}`;
        this.exit = { code: null, signal: null };
        this.onExit();
        this.wake();
        resolve();
      });
    });
  }

  /** For subclasses: each parsed line, as it arrives. */
  protected onLine(_line: Line): void {}
  /** For subclasses: the process ended. */
  protected onExit(): void {}

  get running(): boolean {
    return this.exit === null;
  }

  /** A one-line account of how the child ended and what it said on stderr. */
  describeExit(): string {
    const how = this.exit ? (this.exit.signal ? `killed by ${this.exit.signal}` : `exited with status ${this.exit.code}`) : "still running";
    const err = this.stderr.trim();
    return `${this.label} ${how}${err ? `; stderr: ${err.slice(-1500)}` : ""}`;
  }

  write(value: unknown): void {
    if (!this.running || !this.child.stdin?.writable) throw new Error(`cannot write to ${this.describeExit()}`);
    this.child.stdin.write(`${JSON.stringify(value)}\n`);
  }

  /** The first line (from index `from` on) that matches; fails after `timeoutMs` or if the child ends first. */
  async waitFor<T extends Line>(what: string, match: (line: Line) => line is T, timeoutMs: number, from?: number): Promise<T>;
  async waitFor(what: string, match: (line: Line) => boolean, timeoutMs: number, from?: number): Promise<Line>;
  async waitFor(what: string, match: (line: Line) => boolean, timeoutMs: number, from = 0): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(match);
      if (found) return found;
      if (!this.running) throw new Error(`${this.label}: ${what}: never came, ${this.describeExit()}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        const recent = this.lines.slice(-8).map((l) => JSON.stringify(l).slice(0, 200));
        throw new Error(`${this.label}: timed out after ${timeoutMs} ms waiting for ${what}; last lines:\n  ${recent.join("\n  ") || "(none)"}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Ends the child: stdin closed and SIGTERM, then SIGKILL if it lingers. Resolves once it is gone. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.stdin?.end();
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}
