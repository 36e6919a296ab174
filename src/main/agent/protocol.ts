/**
 * What an agent and a console add to browser mode's wire protocol: only the
 * WebSocket handshake differs. After it, the connection speaks
 * shared/wire.ts exactly as a page does (calls, replies, event batches,
 * acks), served by the same ClientSession.
 *
 * Pairing:   GET /?pair=SECRET            + x-socket-lab-console: NAME
 *            → 101, x-socket-lab-credential: ID.SECRET (kept by the console)
 * Later:     GET /  + authorization: Bearer ID.SECRET
 *            → 101
 * Refused:   401 / 403 / 429 / 503, x-socket-lab-refusal: a sentence saying why
 * Both:      → x-socket-lab-agent: the agent's name
 */
export const AGENT_PATH = "/";
export const CONSOLE_NAME_HEADER = "x-socket-lab-console";
export const AGENT_NAME_HEADER = "x-socket-lab-agent";
export const CREDENTIAL_HEADER = "x-socket-lab-credential";
export const REFUSAL_HEADER = "x-socket-lab-refusal";
