/**
 * "Let a console drive this Lab": this Lab served as an agent (the same
 * server as `socket-lab agent`), and what the agent says while it runs.
 */

export interface ConsoleSummary {
  readonly id: string;
  readonly name: string;
}

/** What the agent tells the person at its screen (the CLI prints each as a line; the page lists them). */
export type AgentNote =
  | { readonly kind: "pairing"; readonly url: string; readonly code: string }
  | { readonly kind: "paired"; readonly console: ConsoleSummary; readonly from: string; readonly code: string }
  | { readonly kind: "connected" | "disconnected" | "revoked"; readonly console: ConsoleSummary; readonly from: string }
  | { readonly kind: "refused"; readonly from: string; readonly reason: string };

export interface SharedConsole extends ConsoleSummary {
  readonly pairedAt: string;
  /** Where it is connected from now, or null while it is not connected. */
  readonly from: string | null;
}

export interface SharingStatus {
  /** The URL that pairs the next console (its secret changes each time one pairs), and its code. */
  readonly url: string;
  readonly code: string;
  readonly listen: string;
  readonly port: number;
  /** The name consoles see. */
  readonly name: string;
  readonly fingerprint: string;
  readonly consoles: readonly SharedConsole[];
  /** The newest notes, oldest first (at most SHARING_LIMITS.notes), each with its wall-clock ms. */
  readonly notes: readonly { readonly at: number; readonly note: AgentNote }[];
}

/** `socket-lab agent`'s port when --port is not given, and the sharing form's (browser mode's is 5747). */
export const DEFAULT_AGENT_PORT = 5748;

export const SHARING_LIMITS = { notes: 50, nameLength: 64 } as const;
