import type { Step } from "../../../shared/scenario";
import type { SocketSnapshot } from "../../../shared/socket-model";
import type { AnsweredCall } from "../../api/calls";
import type { Froms, Named } from "../to-step";

export interface Recording {
  readonly steps: readonly Step[];
  readonly named: Named;
  /** What "$sN.from" stands for in the next step (see to-step.ts). */
  readonly froms: Froms;
  /** Calls made but not held, by command (see `stepsFor`): shown beside the recording, never silent. */
  readonly left: Readonly<Record<string, number>>;
  /** Steps that came after the recording was full. */
  readonly overflow: number;
  /**
   * Full before its capacity: a reload kept only its first steps (storage is
   * bounded), and a step appended now would follow a gap. Later steps are
   * counted in `overflow`, as past the capacity.
   */
  readonly sealed: boolean;
}

export interface RecordingSlice {
  /** Every Python call a person made through the UI, as scenario steps. */
  readonly recording: Recording;
  /**
   * Adds the steps for an answered call. `sockets` is the table as it was when
   * the call was made: a socket the call closed may be gone from the store by
   * the time the answer arrives, and what the steps need of it (the listener
   * it came from, its address) does not change.
   */
  record(call: AnsweredCall, sockets: ReadonlyMap<number, SocketSnapshot>): void;
  /** A pause a person's action made between calls (a frame sent in parts), kept so a replay paces the same. */
  recordPause(seconds: number): void;
  /** Counts an action the recording cannot hold that made no single call (a repeat of sends). */
  recordLeft(what: string): void;
  clearRecording(): void;
}
