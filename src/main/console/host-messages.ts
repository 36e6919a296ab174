import { z } from "zod";
import type { Reply } from "../../shared/contract";
import type { LabErrorInfo } from "../../shared/errors";
import type { EventBatch, LabEvent } from "../../shared/events";
import type { WireMessage } from "../../shared/wire";

const errorInfo: z.ZodType<LabErrorInfo> = z.object({ type: z.string().max(100), errno: z.string().max(100).nullable(), message: z.string().max(10_000) });

const reply: z.ZodType<Reply> = z.union([z.object({ ok: z.literal(true), result: z.unknown() }), z.object({ ok: z.literal(false), error: errorInfo })]);

const id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const seq = z.number().int().min(0);

/**
 * Events are checked for their envelope (type, seq, t), not field by field:
 * the agent is paired and pinned, and its events are the same Lab's this
 * console would emit itself. What is checked is what the console relies on.
 */
const event = z.looseObject({ type: z.string().max(64), seq, t: z.number() }) as unknown as z.ZodType<LabEvent>;

const batch: z.ZodType<EventBatch> = z.object({
  id,
  events: z.array(event).max(1_000_000),
  missed: z.object({ count: z.number().int().min(0), firstSeq: seq, lastSeq: seq }).optional(),
});

/** The console's check of every message an agent sends, before it is used: a malformed one ends the connection, never the console. */
export const hostMessageSchema: z.ZodType<WireMessage> = z.union([
  z.object({ kind: z.literal("reply"), id, reply }),
  z.object({ kind: z.literal("events"), batch }),
]);
