import { randomBytes } from "node:crypto";
import { tokenMatches } from "../host/access";

/**
 * The agent's current one-time pairing secret. `take` accepts it once, in
 * constant time, and a new one replaces it at once, so the secret of a URL
 * that was used (or seen by someone else afterwards) pairs no one.
 */
export class PairingSecret {
  private value = PairingSecret.fresh();

  get current(): string {
    return this.value;
  }

  take(given: string | null): boolean {
    if (!tokenMatches(this.value, given)) return false;
    this.value = PairingSecret.fresh();
    return true;
  }

  private static fresh(): string {
    // 128 bits: the URL is read off a screen or pasted, not typed.
    return randomBytes(16).toString("base64url");
  }
}
