import { utf8, fromHex } from "../../../shared/bytes";
import { exceptionFor } from "../../../shared/errors";
import { POLL_FLAGS } from "../../../shared/poll-flags";
import type { Step, StepOp } from "../../../shared/scenario";
import { valueRepr } from "./py-repr";

/**
 * "What will happen?" before a step runs: the outcome the lesson expects,
 * shuffled among the mistakes people commonly make about that call (the
 * call blocks, the other error, the other flag). Only steps with an
 * `expect` are asked about: a lesson's author marks those as the points.
 */

export type Outcome =
  | { readonly kind: "value"; readonly code: string }
  | { readonly kind: "error"; readonly code: string }
  /** The call waits (Python would hang there). */
  | { readonly kind: "blocks" };

export interface Choice {
  readonly outcome: Outcome;
  readonly correct: boolean;
}

const value = (code: string): Outcome => ({ kind: "value", code });
const BLOCKS: Outcome = { kind: "blocks" };

/** "PermissionError [EACCES]" for an errno, the name alone for an exception type. */
function error(errnoOrType: string): Outcome {
  const isErrno = /^E[A-Z0-9]+$/.test(errnoOrType);
  return { kind: "error", code: isErrno ? `${exceptionFor(errnoOrType)} [${errnoOrType}]` : errnoOrType };
}

/** Errors that are easy to mistake for one another. */
const CONFUSED: Readonly<Record<string, readonly string[]>> = {
  EACCES: ["ENETUNREACH"],
  EPIPE: ["ECONNRESET"],
  ECONNRESET: ["EPIPE"],
  EAGAIN: ["TimeoutError"],
  TimeoutError: ["EAGAIN"],
  ECONNREFUSED: ["ETIMEDOUT"],
  EADDRINUSE: ["EACCES"],
  EBADF: ["ENOTCONN"],
  ENOTCONN: ["EBADF"],
  EINPROGRESS: ["ECONNREFUSED"],
};

type StepOf<O extends StepOp> = Extract<Step, { readonly op: O }>;

/** What a lesson's class is offered for one op. */
interface Prediction<O extends StepOp> {
  /** What the call returns when nothing goes wrong: the wrong answer where the lesson expects an error. */
  readonly success: (step: StepOf<O>) => Outcome;
  /** Likely wrong answers where the lesson expects a value. */
  readonly wrong: (step: StepOf<O>, expected: unknown) => Outcome[];
  /** The call may wait (Python would hang there): "it blocks" is a likely wrong answer to an expected error. */
  readonly waits: boolean;
}

const byteLength = (data: string | { readonly hex: string }): number => (typeof data === "string" ? utf8(data).length : fromHex(data.hex).length);

const returnsNone = (): Outcome => value("None");
const blocks = (): Outcome => BLOCKS;
/** No mistake in particular: some other error. */
const otherError = (): Outcome[] => [error("OSError")];
const plain = { success: returnsNone, wrong: otherError, waits: false } as const;

function recvWrong(_step: Step, expected: unknown): Outcome[] {
  const empty = typeof expected === "object" && expected !== null && "hex" in expected && expected.hex === "";
  return empty ? [BLOCKS, error("ECONNRESET")] : [value("b''"), BLOCKS];
}

/**
 * The choices for each op of the scenario format. Every op has an entry, so a
 * new one does not compile until it says what a class might guess.
 */
export type PredictionTable = { [O in StepOp]: Prediction<O> };

const PREDICTIONS: PredictionTable = {
  socket: plain,
  bind: { ...plain, wrong: () => [error("EADDRINUSE")] },
  listen: plain,
  accept: { success: blocks, wrong: () => [BLOCKS, error("ECONNREFUSED")], waits: true },
  connect: { ...plain, wrong: () => [error("ECONNREFUSED"), BLOCKS] },
  connect_ex: { success: () => value("0"), wrong: (_step, expected) => (expected === 0 ? [value("111  # ECONNREFUSED")] : [value("0"), BLOCKS]), waits: false },
  send: { success: (step) => value(String(byteLength(step.data))), wrong: () => [error("EPIPE"), value("0")], waits: false },
  sendall: plain,
  sendto: { success: (step) => value(String(byteLength(step.data))), wrong: () => [error("EACCES"), value("0")], waits: false },
  recv: { success: () => value("b''"), wrong: recvWrong, waits: true },
  recvfrom: { success: blocks, wrong: () => [BLOCKS, error("EAGAIN")], waits: true },
  shutdown: { ...plain, wrong: () => [error("ENOTCONN")] },
  close: plain,
  settimeout: plain,
  setblocking: plain,
  setsockopt: plain,
  getsockopt: {
    ...plain,
    wrong: (_step, expected) => {
      if (typeof expected !== "number") return [value("0")];
      if (expected === 0 || expected === 1) return [value(String(1 - expected))];
      // Linux doubles SO_RCVBUF/SO_SNDBUF: the value set and twice the value read are the classic surprise.
      return [value(String(expected / 2)), value(String(expected * 2))];
    },
  },
  getsockname: { ...plain, wrong: () => [error("ENOTCONN"), value("('0.0.0.0', 0)")] },
  getpeername: { ...plain, wrong: () => [error("ENOTCONN"), value("('0.0.0.0', 0)")] },
  poll: {
    success: blocks,
    wrong: (step, expected) => {
      const pairs = Array.isArray(expected) ? expected : [];
      const first = pairs[0];
      if (!Array.isArray(first) || typeof first[1] !== "number") return [value("[]"), BLOCKS];
      const flip = (bit: number) => valueRepr(step, [[first[0], first[1] ^ bit], ...pairs.slice(1)]);
      return [value(flip(POLL_FLAGS.POLLHUP)), value(flip(POLL_FLAGS.POLLIN)), value("[]")];
    },
    waits: true,
  },
  select: { success: blocks, wrong: () => [value("([], [], [])"), BLOCKS], waits: true },
  sleep: plain,
  send_frame: plain,
  recv_frame: { success: blocks, wrong: recvWrong, waits: true },
};

const predictionOf = <O extends StepOp>(op: O): Prediction<O> => PREDICTIONS[op];

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.kind === b.kind && (a.kind === "blocks" || (b.kind !== "blocks" && a.code === b.code));
}

/** A small deterministic shuffle, so the right answer is not always first but a step always looks the same. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = (seed * 2654435761) >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** 2–4 choices for a step, exactly one correct; null for steps without an `expect`. `number` seeds the order. */
export function predictChoices(step: Step, number: number): Choice[] | null {
  const expect = step.expect;
  if (!expect) return null;
  let right: Outcome;
  let wrong: Outcome[];
  const prediction: Prediction<StepOp> = predictionOf(step.op);
  if ("error" in expect) {
    right = error(expect.error);
    wrong = [prediction.success(step), ...(CONFUSED[expect.error] ?? []).map(error)];
    if (prediction.waits) wrong.push(BLOCKS);
  } else {
    right = value(valueRepr(step, expect.value));
    wrong = prediction.wrong(step, expect.value);
  }
  const unique: Outcome[] = [];
  for (const o of wrong) if (!sameOutcome(o, right) && !unique.some((u) => sameOutcome(u, o))) unique.push(o);
  const choices = [{ outcome: right, correct: true }, ...unique.slice(0, 3).map((outcome) => ({ outcome, correct: false }))];
  return shuffle(choices, number);
}
