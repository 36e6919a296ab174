import type { Reply } from "./contract";
import type { LabEvent } from "./events";

/** Browser mode's WebSocket messages. Client → host: one command call. */
export interface WireCall {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
}

/** Host → client: a reply to one call, or a batch of events. */
export type WireMessage =
  | { readonly kind: "reply"; readonly id: number; readonly reply: Reply }
  | { readonly kind: "events"; readonly events: readonly LabEvent[] };

/** The query parameter that carries browser mode's access token. */
export const TOKEN_PARAM = "token";
export const WS_PATH = "/lab";
