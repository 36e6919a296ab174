import type { EventBatch } from "./events";

/**
 * Hosts: the Labs one console drives. `local` is the Lab the console (or
 * `socket-lab run`) runs itself; every other host is an agent it paired
 * with, known by the name the person gave it (`--host b=wss://…`).
 */
export const LOCAL_HOST = "local";

export const MAX_HOST_NAME_LENGTH = 32;

const HOST_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Why `name` cannot name a host, or null when it can. Names go into filter expressions (`host == "b"`) and file names. */
export function hostNameProblem(name: string): string | null {
  if (!HOST_NAME.test(name)) return "a host name must be letters, digits, _ and -, starting with a letter";
  if (name.length > MAX_HOST_NAME_LENGTH) return `a host name must be at most ${MAX_HOST_NAME_LENGTH} characters`;
  return null;
}

/** A batch of one host's events, as the console receives it: every event of it happened on that host's Lab. */
export interface HostEventBatch {
  readonly host: string;
  readonly batch: EventBatch;
}
