import type { CommandInput, CommandName, CommandResult, Reply } from "../../shared/contract";

/** One call of command N with its input. */
export interface Call<N extends CommandName> {
  readonly name: N;
  readonly input: CommandInput<N>;
}

/** A call of command N that has been answered: its input and the Lab's reply. */
export interface Answered<N extends CommandName> extends Call<N> {
  readonly reply: Reply<CommandResult<N>>;
}

/** A call of command N that succeeded: its input and result. */
export interface Completed<N extends CommandName> extends Call<N> {
  readonly result: CommandResult<N>;
}

/**
 * One command with its input, as a union over the contract's table, so a
 * `switch (call.name)` narrows the input to that command's shape.
 */
export type CommandCall = { [N in CommandName]: Call<N> }[CommandName];

/** A command that has been answered: its input and the Lab's reply. */
export type AnsweredCall = { [N in CommandName]: Answered<N> }[CommandName];

/** A command that succeeded: its input and result. */
export type CompletedCall = { [N in CommandName]: Completed<N> }[CommandName];
