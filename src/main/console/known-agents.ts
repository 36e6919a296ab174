import { z } from "zod";
import { CREDENTIAL } from "../agent/consoles";
import { readPrivateJson, writePrivateFile } from "../agent/secret-file";

/** An agent this console paired with: the certificate it pinned and the credential the agent gave it. */
export interface KnownAgent {
  readonly fingerprint: string;
  /** The agent's own name (`--name`), as it said when paired. */
  readonly name: string;
  /** Where it was last reached. */
  readonly address: readonly [string, number];
  readonly credential: string;
  readonly pairedAt: string;
}

const agentSchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().max(256),
  address: z.tuple([z.string().max(255), z.number().int().min(1).max(65535)]),
  credential: z.string().regex(CREDENTIAL),
  pairedAt: z.string().max(64),
});
const fileSchema = z.strictObject({ version: z.literal(1), agents: z.array(agentSchema).max(10_000) });

/**
 * The console's paired agents, by certificate fingerprint (agents.json in
 * the console's config directory, readable by its owner only: it holds
 * credentials). An agent is the certificate, not the address: one that moved
 * is still paired, and another machine on the old address is not.
 */
export class KnownAgents {
  constructor(readonly file: string) {}

  get(fingerprint: string): KnownAgent | undefined {
    return this.list().find((a) => a.fingerprint === fingerprint);
  }

  list(): KnownAgent[] {
    return readPrivateJson(this.file, fileSchema, "a list of paired agents; fix or delete it (then pair again)")?.agents ?? [];
  }


  /** Keeps (or replaces) what pairing with this agent gave. */
  put(agent: KnownAgent): void {
    this.save([...this.list().filter((a) => a.fingerprint !== agent.fingerprint), agent]);
  }

  private save(agents: readonly KnownAgent[]): void {
    writePrivateFile(this.file, `${JSON.stringify({ version: 1, agents }, null, 2)}\n`);
  }
}
