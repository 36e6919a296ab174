import { z } from "zod";
import type { WireClientMessage } from "./wire";

const id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The host's check of every WebSocket message before it reaches the client session. */
export const wireClientSchema: z.ZodType<WireClientMessage> = z.union([
  z.strictObject({ id, name: z.string().max(64), input: z.unknown() }),
  z.strictObject({ ack: id }),
]);
