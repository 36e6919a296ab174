import type { CommandInput, CommandName, CommandResult, Reply } from "../../shared/contract";

/**
 * One command with its input, as a union over the contract's table, so a
 * `switch (call.name)` narrows the input to that command's shape.
 */
export type CommandCall = { [N in CommandName]: { readonly name: N; readonly input: CommandInput<N> } }[CommandName];

/** A command that has been answered: its input and the Lab's reply. */
export type AnsweredCall = {
  [N in CommandName]: { readonly name: N; readonly input: CommandInput<N>; readonly reply: Reply<CommandResult<N>> };
}[CommandName];

/** A command that succeeded: its input and result. */
export type CompletedCall = {
  [N in CommandName]: { readonly name: N; readonly input: CommandInput<N>; readonly result: CommandResult<N> };
}[CommandName];
