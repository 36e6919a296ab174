import type { CommandInput, CommandName } from "../../../shared/contract";
import type { CommandCall } from "../../api/calls";
import type { Translate } from "../../../shared/i18n";
import { isPythonCall, type PythonCommand } from "../../store/to-step";
import { pyName } from "./python";

/** Commands that are no one-line Python call (store/to-step.ts says which are). */
type OtherCommand = Exclude<CommandName, PythonCommand>;

type Note<N extends OtherCommand> = (input: CommandInput<N>, t: Translate) => string;

/**
 * The console's line for each command that is no Python call: a note for a
 * Lab mode or policy, which says Python has no such call (the tutorial's "a
 * timeout closes the connection" is this policy, never `settimeout`), or
 * null: the command prints no line here. Every such command has an entry
 * (Python calls have theirs in python.ts), so a new one does not compile
 * until it says which.
 */
export type NoteTable = { [N in OtherCommand]: Note<N> | null };

const NOTES: NoteTable = {
  auto: ({ fd, accept, recv }, t) => {
    const modes = [
      accept === undefined ? null : t(accept ? "lab.autoAcceptOn" : "lab.autoAcceptOff"),
      recv === undefined ? null : t(recv ? "lab.autoRecvOn" : "lab.autoRecvOff"),
    ].filter((m) => m !== null);
    return t("lab.autoNote", { name: pyName(fd), modes: modes.join(", ") });
  },
  idle_close: ({ fd, seconds }, t) => (seconds === null ? t("lab.idleOff", { name: pyName(fd) }) : t("lab.idleOn", { name: pyName(fd), n: seconds })),
  // Their panels write their own lines: poll() and select() in the flags panel (features/flags/use-once.ts).
  poll: null,
  select: null,
  // The framing view shows what these send and read.
  send_frame: null,
  recv_frame: null,
  // No line yet: the composer writes its repeat's line itself (features/log/composer/use-composer-run.ts),
  // but the broadcast sender's repeats and the multicast card's calls print none.
  repeat: null,
  cancel_job: null,
  join_group: null,
  leave_group: null,
  multicast_interface: null,
  // The page's views and the Lab's own state: nothing a program does.
  watch: null,
  unwatch: null,
  set_framing: null,
  payload: null,
  log_config: null,
  interfaces: null,
  kernel_udp_stats: null,
  kernel_sockets: null,
  export_python: null,
  lessons: null,
  scenario_open: null,
  scenario_step: null,
  scenario_close: null,
  snapshot: null,
  clock: null,
  interrupt: null,
  // The Discovery view shows its own progress and results.
  discover_start: null,
  discover_poll: null,
  discover_stop: null,
  // Opening a probe as a scenario shows it in the lesson player.
  discover_scenario: null,
  // The Hosts view shows the hosts and their timeline.
  hosts_add: null,
  hosts_remove: null,
  hosts_poll: null,
  hosts_call: null,
  // The Hosts view shows this Lab's sharing too.
  share_start: null,
  share_status: null,
  share_stop: null,
  share_revoke: null,
};

function note<N extends OtherCommand>(name: N, input: CommandInput<N>, t: Translate): string | null {
  return NOTES[name]?.(input, t) ?? null;
}

/** The console line for a Lab mode or policy; null for Python calls (their line is the call) and for commands with no line. */
export function labNote(call: CommandCall, t: Translate): string | null {
  return isPythonCall(call) ? null : note(call.name, call.input, t);
}
