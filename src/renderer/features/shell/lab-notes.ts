import type { CommandCall } from "../../api/calls";
import type { Translate } from "../../i18n";
import { pyName } from "./python";

/**
 * The console line for a Lab mode or policy. Python has no such call, and
 * the line says so: the tutorial's "a timeout closes the connection" is this
 * policy, never `settimeout`.
 */
export function labNote(call: CommandCall, t: Translate): string | null {
  switch (call.name) {
    case "auto": {
      const { fd, accept, recv } = call.input;
      const modes = [
        accept === undefined ? null : t(accept ? "lab.autoAcceptOn" : "lab.autoAcceptOff"),
        recv === undefined ? null : t(recv ? "lab.autoRecvOn" : "lab.autoRecvOff"),
      ].filter((m) => m !== null);
      return t("lab.autoNote", { name: pyName(fd), modes: modes.join(", ") });
    }
    case "idle_close": {
      const { fd, seconds } = call.input;
      return seconds === null ? t("lab.idleOff", { name: pyName(fd) }) : t("lab.idleOn", { name: pyName(fd), n: seconds });
    }
    default:
      return null;
  }
}
