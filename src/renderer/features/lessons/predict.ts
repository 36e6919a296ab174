import { utf8, fromHex } from "../../../shared/bytes";
import { exceptionFor } from "../../../shared/errors";
import { POLL_FLAGS } from "../../../shared/poll-flags";
import type { Step } from "../../../shared/scenario";
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

const WAITING_OPS = new Set(["recv", "recvfrom", "accept", "recv_frame", "poll", "select"]);

function dataLength(step: Step): number | null {
  if (step.op !== "send" && step.op !== "sendto" && step.op !== "sendall" && step.op !== "send_frame") return null;
  return typeof step.data === "string" ? utf8(step.data).length : fromHex(step.data.hex).length;
}

/** What the call returns when nothing goes wrong, for an expected error. */
function success(step: Step): Outcome {
  const length = dataLength(step);
  if (length !== null && (step.op === "send" || step.op === "sendto")) return value(String(length));
  if (step.op === "connect_ex") return value("0");
  if (step.op === "recv") return value("b''");
  if (WAITING_OPS.has(step.op)) return BLOCKS;
  return value("None");
}

/** Likely wrong answers for an expected value. */
function alternativesForValue(step: Step, expected: unknown): Outcome[] {
  switch (step.op) {
    case "recv":
    case "recv_frame": {
      const empty = typeof expected === "object" && expected !== null && "hex" in expected && expected.hex === "";
      return empty ? [BLOCKS, error("ECONNRESET")] : [value("b''"), BLOCKS];
    }
    case "recvfrom":
      return [BLOCKS, error("EAGAIN")];
    case "accept":
      return [BLOCKS, error("ECONNREFUSED")];
    case "send":
      return [error("EPIPE"), value("0")];
    case "sendto":
      return [error("EACCES"), value("0")];
    case "connect_ex":
      return expected === 0 ? [value("111  # ECONNREFUSED")] : [value("0"), BLOCKS];
    case "getsockopt":
      if (typeof expected !== "number") return [value("0")];
      if (expected === 0 || expected === 1) return [value(String(1 - expected))];
      // Linux doubles SO_RCVBUF/SO_SNDBUF: the value set and twice the value read are the classic surprise.
      return [value(String(expected / 2)), value(String(expected * 2))];
    case "poll": {
      const pairs = Array.isArray(expected) ? expected : [];
      const first = pairs[0];
      if (!Array.isArray(first) || typeof first[1] !== "number") return [value("[]"), BLOCKS];
      const flip = (bit: number) => valueRepr(step, [[first[0], first[1] ^ bit], ...pairs.slice(1)]);
      return [value(flip(POLL_FLAGS.POLLHUP)), value(flip(POLL_FLAGS.POLLIN)), value("[]")];
    }
    case "select":
      return [value("([], [], [])"), BLOCKS];
    case "getsockname":
    case "getpeername":
      return [error("ENOTCONN"), value("('0.0.0.0', 0)")];
    case "connect":
      return [error("ECONNREFUSED"), BLOCKS];
    case "bind":
      return [error("EADDRINUSE")];
    case "shutdown":
      return [error("ENOTCONN")];
    default:
      return [error("OSError")];
  }
}

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
  if ("error" in expect) {
    right = error(expect.error);
    wrong = [success(step), ...(CONFUSED[expect.error] ?? []).map(error)];
    if (WAITING_OPS.has(step.op)) wrong.push(BLOCKS);
  } else {
    right = value(valueRepr(step, expect.value));
    wrong = alternativesForValue(step, expect.value);
  }
  const unique: Outcome[] = [];
  for (const o of wrong) if (!sameOutcome(o, right) && !unique.some((u) => sameOutcome(u, o))) unique.push(o);
  const choices = [{ outcome: right, correct: true }, ...unique.slice(0, 3).map((outcome) => ({ outcome, correct: false }))];
  return shuffle(choices, number);
}
