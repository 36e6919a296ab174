import { useRef, useState } from "react";
import type { Address, Data } from "../../../../shared/socket-model";
import { useT } from "../../../hooks/use-t";
import { useLabClient, useLabStore } from "../../../store/context";
import { toData } from "../../actions/data-input";
import { useCall } from "../../console/use-call";
import { pyAddress, pyBytes, pyName } from "../../console/python";
import { compose, randomBytes, type ComposeMode } from "./compose";

/** Where the bytes go: a socket, and for an unconnected UDP socket the address (sendto). */
export interface SendTarget {
  readonly fd: number;
  readonly address: Address | null;
}

/** What to send each time: fixed bytes (a file, or a template without macros), or a template to expand per send. */
export type Payload = { readonly kind: "fixed"; readonly bytes: Uint8Array } | { readonly kind: "template"; readonly text: string; readonly mode: ComposeMode };

export type Outcome =
  | { readonly kind: "done"; readonly sent: number; readonly total: number }
  | { readonly kind: "stopped"; readonly sent: number; readonly total: number }
  | { readonly kind: "failed"; readonly sent: number; readonly total: number; readonly why: string };

/** A repeat the Lab runs (constant bytes: its `repeat` job reports progress), or one this page drives send by send (macros). */
type Running = { readonly by: "lab"; readonly job: number; readonly total: number } | { readonly by: "page"; readonly sent: number; readonly total: number };

/** The page redraws progress at most this often, however fast the sends go. */
const PROGRESS_EVERY_MS = 50;

/**
 * Sends once (a Python call: console, recording) or repeatedly. A repeat of
 * constant bytes is the Lab's `repeat` job; with macros every send differs,
 * so the page sends one at a time and a stop takes effect before the next.
 */
export function useComposerRun() {
  const t = useT();
  const client = useLabClient();
  const call = useCall();
  const jobs = useLabStore((s) => s.logJobs);
  const startLine = useLabStore((s) => s.startConsoleLine);
  const finishLine = useLabStore((s) => s.finishConsoleLine);
  const recordLeft = useLabStore((s) => s.recordLeft);
  const [running, setRunning] = useState<Running | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const stop = useRef<{ stopped: boolean } | null>(null);

  const command = (target: SendTarget, data: Data) =>
    target.address ? ({ name: "sendto", input: { fd: target.fd, data, address: target.address } } as const) : ({ name: "send", input: { fd: target.fd, data } } as const);

  /** A repeat is a loop, which a scenario has no step for: the console says what ran, the recording counts it once it ran. */
  function note(target: SendTarget, example: Uint8Array, count: number, interval: number): void {
    recordLeft("repeat");
    const op = target.address ? `sendto(${pyBytes(example.subarray(0, 32))}, ${pyAddress(target.address)})` : `send(${pyBytes(example.subarray(0, 32))})`;
    const text = t("log.compose.note", { call: `${pyName(target.fd)}.${op}`, n: count, ms: interval });
    const line = startLine(text, true);
    finishLine(line, { text, status: "ok", outcome: "" });
  }

  async function sendOnce(target: SendTarget, bytes: Uint8Array): Promise<void> {
    const { name, input } = command(target, toData(bytes));
    const result = name === "sendto" ? await call("sendto", input) : await call("send", input);
    setOutcome(result ? { kind: "done", sent: 1, total: 1 } : { kind: "failed", sent: 0, total: 1, why: "" });
  }

  async function repeatInLab(target: SendTarget, bytes: Uint8Array, total: number, interval: number): Promise<void> {
    const reply = await client.call("repeat", { fd: target.fd, data: toData(bytes), count: total, interval_ms: interval, ...(target.address ? { address: target.address } : {}) });
    if (!reply.ok) return setOutcome({ kind: "failed", sent: 0, total, why: reply.error.message });
    note(target, bytes, total, interval);
    setRunning({ by: "lab", job: reply.result.job, total });
  }

  async function repeatFromPage(target: SendTarget, text: string, mode: ComposeMode, total: number, interval: number): Promise<void> {
    const token = { stopped: false };
    stop.current = token;
    let shownAt = 0;
    let sent = 0;
    const finish = (result: Outcome) => {
      setRunning(null);
      setOutcome(result);
    };
    setRunning({ by: "page", sent: 0, total });
    for (let counter = 1; counter <= total; counter++) {
      if (token.stopped) return finish({ kind: "stopped", sent, total });
      const composed = compose(text, mode, { counter, now: new Date(), random: randomBytes });
      if (!composed.ok) return finish({ kind: "failed", sent, total, why: composed.problem });
      const { name, input } = command(target, toData(composed.bytes));
      const reply = name === "sendto" ? await client.call("sendto", input) : await client.call("send", input);
      if (!reply.ok) return finish({ kind: "failed", sent, total, why: `${reply.error.type}: ${reply.error.message}` });
      if (counter === 1) note(target, composed.bytes, total, interval);
      sent = counter;
      if (performance.now() - shownAt > PROGRESS_EVERY_MS) {
        shownAt = performance.now();
        setRunning({ by: "page", sent, total });
      }
      if (counter < total) await new Promise((resolve) => setTimeout(resolve, interval));
    }
    finish({ kind: "done", sent, total });
  }

  const job = running?.by === "lab" ? jobs.get(running.job) : undefined;
  // A Lab job ends by itself; its last progress event says how.
  const labOutcome: Outcome | null =
    running?.by === "lab" && job?.done ? (job.error ? { kind: "failed", sent: job.sent, total: job.total, why: job.error.message } : { kind: "done", sent: job.sent, total: job.total }) : null;
  const progress = running === null || labOutcome ? null : running.by === "page" ? { sent: running.sent, total: running.total } : { sent: job?.sent ?? 0, total: running.total };

  return {
    progress,
    outcome: labOutcome ?? outcome,
    async start(target: SendTarget, payload: Payload, count: number, interval: number): Promise<void> {
      setOutcome(null);
      setRunning(null);
      if (payload.kind === "template" && count > 1) return repeatFromPage(target, payload.text, payload.mode, count, interval);
      const bytes = payload.kind === "fixed" ? payload.bytes : compose(payload.text, payload.mode, { counter: 1, now: new Date(), random: randomBytes });
      if (!(bytes instanceof Uint8Array) && !bytes.ok) return;
      const data = bytes instanceof Uint8Array ? bytes : bytes.bytes;
      if (count === 1) return sendOnce(target, data);
      return repeatInLab(target, data, count, interval);
    },
    async stop(): Promise<void> {
      if (stop.current) stop.current.stopped = true;
      if (running?.by === "lab") {
        await client.call("cancel_job", { job: running.job });
        setOutcome({ kind: "stopped", sent: job?.sent ?? 0, total: running.total });
        setRunning(null);
      }
    },
  };
}
