import type { Reply } from "./contract";
import type { EventBatch } from "./events";

/** Browser mode's WebSocket messages. Client → host: one command call… */
export interface WireCall {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
}

/** …or the acknowledgement of the event batches the page has applied, up to this one (flow control). */
export interface WireAck {
  readonly ack: number;
}

export type WireClientMessage = WireCall | WireAck;

/** Host → client: a reply to one call, or a batch of events. */
export type WireMessage =
  | { readonly kind: "reply"; readonly id: number; readonly reply: Reply }
  | { readonly kind: "events"; readonly batch: EventBatch };

/** The query parameter that carries browser mode's access token. */
export const TOKEN_PARAM = "token";
export const WS_PATH = "/lab";
