import { z } from "zod";
import type { WireCall } from "./wire";

/** The host's check of every WebSocket message before it reaches dispatch. */
export const wireCallSchema: z.ZodType<WireCall> = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  name: z.string().max(64),
  input: z.unknown(),
});
