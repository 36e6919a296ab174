import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { printable } from "../../shared/printable";
import { readPrivateJson, writePrivateFile } from "./secret-file";

/** A console this agent paired with. The agent keeps only a hash of its credential. */
export interface PairedConsole {
  readonly id: string;
  /** The name the console gave (its machine's, by default), for the list a person reads. */
  readonly name: string;
  readonly pairedAt: string;
  readonly credentialHash: string;
}

const consoleSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  name: z.string().max(64),
  pairedAt: z.string().max(64),
  credentialHash: z.string().regex(/^[0-9a-f]{64}$/),
});
const fileSchema = z.strictObject({ version: z.literal(1), consoles: z.array(consoleSchema).max(10_000) });

/** What a console presents on every connection after pairing: `Bearer ID.SECRET`. */
export const CREDENTIAL = /^([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

function hashOf(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

/** The longest console name kept; anything else in it is shown as escapes. */
const NAME_LENGTH = 64;

/**
 * The consoles paired with this agent, in a file (consoles.json beside the
 * certificate) that `socket-lab agent --list` and `--revoke` edit while the
 * agent runs: each check reads it afresh, so a revocation takes effect on
 * the next connection, and the running agent drops live ones (server.ts).
 */
export class ConsoleStore {
  constructor(readonly file: string) {}

  list(): PairedConsole[] {
    return readPrivateJson(this.file, fileSchema, "a list of paired consoles; fix or delete it (deleting unpairs every console)")?.consoles ?? [];
  }


  /** Pairs a new console: its credential is returned once, here, and stored only as a hash. */
  add(name: string): { console: PairedConsole; credential: string } {
    const id = randomBytes(8).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const entry: PairedConsole = {
      id,
      name: printable(name, NAME_LENGTH) || "console",
      pairedAt: new Date().toISOString(),
      credentialHash: hashOf(secret).toString("hex"),
    };
    this.save([...this.list(), entry]);
    return { console: entry, credential: `${id}.${secret}` };
  }

  /** The console whose credential this is, or null; the comparison takes the same time whatever the guess. */
  verify(credential: string | undefined): PairedConsole | null {
    const match = CREDENTIAL.exec(credential ?? "");
    const entry = match ? this.list().find((c) => c.id === match[1]) : undefined;
    const given = hashOf(match?.[2] ?? "");
    // A console id is not secret, but comparing against something either way keeps one code path.
    const stored = entry ? Buffer.from(entry.credentialHash, "hex") : hashOf("no such console");
    return timingSafeEqual(given, stored) && entry ? entry : null;
  }

  /** Unpairs one console by id (or every one, "all"); returns those removed. */
  revoke(which: string): PairedConsole[] {
    const all = this.list();
    const removed = all.filter((c) => which === "all" || c.id === which);
    if (removed.length > 0) this.save(all.filter((c) => !removed.includes(c)));
    return removed;
  }

  private save(consoles: readonly PairedConsole[]): void {
    writePrivateFile(this.file, `${JSON.stringify({ version: 1, consoles }, null, 2)}\n`);
  }
}
