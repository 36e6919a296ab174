import type { TcpState } from "../../../shared/socket-model";
import type { Translate } from "../../i18n";

/** The tooltip of a state name: the name stays Linux's, in Latin letters, in every language; the gloss says what it means. */
export function stateGloss(state: TcpState, t: Translate): string {
  return t(`stateGloss.${state}`);
}
