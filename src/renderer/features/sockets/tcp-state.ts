import type { SocketSnapshot, TcpEnding, TcpState } from "../../../shared/socket-model";
import type { PlainKey, Translate } from "../../../shared/i18n";

/*
 * What a TCP state means for a socket. The state is Linux's name on both
 * engines; CLOSE is Linux's word for every socket without a connection, so
 * `ended` says which CLOSE it is: not connected yet, reset, or finished.
 */

type StateOf = Pick<SocketSnapshot, "state" | "ended">;

/** A socket with no connection yet: new, bound, or after a connect that failed. */
export function isFresh(s: StateOf): boolean {
  return s.state === "CLOSE" && s.ended === null;
}

/** States of a connection that exists, or is being taken down. */
const CONNECTION: ReadonlySet<TcpState> = new Set(["SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSING", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK"]);

/** Connected now, or once (a CLOSE that ended a connection): where send, recv and shutdown answer about that connection. */
export function hadConnection(s: StateOf): boolean {
  return CONNECTION.has(s.state) || s.ended !== null;
}

const CLOSE_GLOSS: Record<TcpEnding, PlainKey> = {
  reset: "stateGloss.CLOSE.reset",
  "time-wait": "stateGloss.CLOSE.timeWait",
  "last-ack": "stateGloss.CLOSE.lastAck",
};

/**
 * The tooltip of a state name: the name stays Linux's, in Latin letters, in
 * every language; the gloss says what it means, for CLOSE which one. With
 * `portable`, a state the portable engine cannot see the end of says so.
 */
export function stateGloss(s: StateOf, t: Translate, portable = false): string {
  const gloss = s.state === "CLOSE" ? t(s.ended ? CLOSE_GLOSS[s.ended] : "stateGloss.CLOSE.fresh") : t(`kstate.${s.state}`);
  return portable && (s.state === "FIN_WAIT1" || s.state === "LAST_ACK") ? t("stateGloss.portableAck", { gloss }) : gloss;
}

const ENDING_TAG: Record<TcpEnding, PlainKey> = {
  reset: "ending.reset",
  "time-wait": "ending.timeWait",
  "last-ack": "ending.lastAck",
};

/** A few words beside CLOSE for how the connection ended, or null. */
export function endingTag(s: StateOf, t: Translate): string | null {
  return s.ended ? t(ENDING_TAG[s.ended]) : null;
}
