import { concatBytes, toHex } from "../../../shared/bytes";
import type { CommandInput, Reply } from "../../../shared/contract";
import type { AnsweredCall } from "../../api/calls";
import type { LabErrorInfo } from "../../../shared/errors";
import { encodeFrame, framingErrorInfo, isFramingError, type FramingConfig } from "../../../shared/framing";
import { useLabClient, useLabStore } from "../../store/context";
import { pyError } from "../../../shared/python-repr";
import { cutPoints, pyFramedSend } from "./python-frames";

export type SendPlan =
  | { readonly kind: "one" }
  | { readonly kind: "split"; readonly parts: number; readonly delayMs: number }
  | { readonly kind: "coalesce"; readonly count: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Python lines a plan will print, before it runs (the composer's preview). */
export function planLines(fd: number, config: FramingConfig, msg: string, payloadLength: number, plan: SendPlan) {
  if (plan.kind !== "split") return pyFramedSend(fd, config, msg, plan);
  // Cut points are in frame bytes; the header's size is known only once encoded, so estimate with the payload when it fails.
  let frameLength = payloadLength;
  try {
    frameLength = encodeFrame(config, new Uint8Array(payloadLength)).length;
  } catch {
    // The send will report why it cannot encode.
  }
  return pyFramedSend(fd, config, msg, { kind: "split", cuts: cutPoints(frameLength, plan.parts), delaySeconds: plan.delayMs / 1000 });
}

/**
 * Sends one framed message: whole (send_frame), cut into parts written
 * with pauses between them, or repeated in one write. The cutting and
 * repeating happen here, with the same codec the Lab uses, so the Lab sees
 * only plain writes and has to reassemble the frame itself. Every write, and
 * every pause between parts, goes to the recording.
 */
export function useFramedSend() {
  const client = useLabClient();
  const startConsoleLine = useLabStore((s) => s.startConsoleLine);
  const finishConsoleLine = useLabStore((s) => s.finishConsoleLine);
  const showError = useLabStore((s) => s.showError);
  const record = useLabStore((s) => s.record);
  const recordPause = useLabStore((s) => s.recordPause);
  const sockets = useLabStore((s) => s.sockets);

  const fail = (id: number, text: string, op: string, error: LabErrorInfo) => {
    showError(op, error);
    finishConsoleLine(id, { text, status: "error", outcome: pyError(error) });
  };

  /** Runs one line's call; true when it succeeded. */
  async function write<N extends "send_frame" | "sendall">(text: string, name: N, input: CommandInput<N>): Promise<boolean> {
    const id = startConsoleLine(text, false);
    const reply: Reply<null> = await client.call(name, input as CommandInput<"send_frame" | "sendall">);
    record({ name, input, reply } as AnsweredCall, sockets);
    if (!reply.ok) {
      fail(id, text, name, reply.error);
      return false;
    }
    showError(name, null);
    finishConsoleLine(id, { text, status: "ok", outcome: "" });
    return true;
  }

  return async function send(fd: number, config: FramingConfig, payload: Uint8Array, msg: string, plan: SendPlan): Promise<void> {
    if (plan.kind === "one") {
      const { setup, writes } = pyFramedSend(fd, config, msg, plan);
      await write(`${setup}; ${writes[0]}`, "send_frame", { fd, data: { hex: toHex(payload) }, framing: config });
      return;
    }
    const lines = planLines(fd, config, msg, payload.length, plan);
    const setupId = startConsoleLine(lines.setup, false);
    let frame: Uint8Array;
    try {
      frame = encodeFrame(config, payload);
    } catch (err) {
      if (!isFramingError(err)) throw err;
      fail(setupId, lines.setup, "send_frame", framingErrorInfo(err));
      return;
    }
    finishConsoleLine(setupId, { text: lines.setup, status: "ok", outcome: "" });

    if (plan.kind === "coalesce") {
      const data = concatBytes(Array.from({ length: plan.count }, () => frame));
      await write(lines.writes[0]!, "sendall", { fd, data: { hex: toHex(data) } });
      return;
    }
    const cuts = cutPoints(frame.length, plan.parts);
    for (let i = 0; i + 1 < cuts.length; i++) {
      if (i > 0) {
        await pause(plan.delayMs);
        recordPause(plan.delayMs / 1000);
      }
      const part = frame.subarray(cuts[i], cuts[i + 1]);
      const ok = await write(lines.writes[i]!, "sendall", { fd, data: { hex: toHex(part) } });
      if (!ok) return;
    }
  };
}
