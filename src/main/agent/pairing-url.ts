import { createHash } from "node:crypto";

/** Crockford's base32: no I, L, O or U to misread aloud. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The short code beside a pairing URL, "7KQ2-M9XF": 40 bits of a hash of the
 * fingerprint and the secret. The agent prints it with the URL and the
 * console prints it when it pairs, so a person comparing the two screens
 * knows the console paired with this agent's current URL. It is not a
 * secret, and the secret cannot be recovered from it.
 */
export function pairingCode(fingerprint: string, secret: string): string {
  const digest = createHash("sha256").update(`socket-lab pairing code\0${fingerprint}\0${secret}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 7; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
