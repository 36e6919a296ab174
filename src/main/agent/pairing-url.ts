import { createHash } from "node:crypto";
import { isIP } from "node:net";

/** The query parameter of the one-time pairing secret, and the fragment of the certificate's fingerprint. */
export const PAIR_PARAM = "pair";
const FINGERPRINT_PREFIX = "sha256=";
const FINGERPRINT = /^[0-9a-f]{64}$/;
const SECRET = /^[A-Za-z0-9_-]{16,128}$/;

/** A pairing URL, `wss://ADDR:PORT/?pair=SECRET#sha256=FINGERPRINT`; without `?pair=` it names an agent already paired. */
export interface PairingUrl {
  readonly host: string;
  readonly port: number;
  readonly secret: string | null;
  readonly fingerprint: string;
}

/** A pairing URL that does not parse: the message says what is wrong with it (it never repeats the secret). */
export class PairingUrlError extends Error {}

function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export function formatPairingUrl(url: PairingUrl): string {
  const query = url.secret === null ? "" : `?${PAIR_PARAM}=${url.secret}`;
  return `wss://${urlHost(url.host)}:${url.port}/${query}#${FINGERPRINT_PREFIX}${url.fingerprint}`;
}

export function parsePairingUrl(text: string): PairingUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PairingUrlError("not a URL: a pairing URL looks like wss://ADDR:PORT/?pair=SECRET#sha256=FINGERPRINT");
  }
  if (url.protocol !== "wss:") throw new PairingUrlError(`an agent speaks only wss:// (TLS), not ${url.protocol.replace(/:$/, "")}`);
  if (url.username || url.password) throw new PairingUrlError("a pairing URL carries no user name or password");
  if (!url.port) throw new PairingUrlError("a pairing URL names the agent's port (wss://ADDR:PORT/…)");
  const fragment = url.hash.replace(/^#/, "").toLowerCase().replaceAll(":", "");
  if (!fragment.startsWith(FINGERPRINT_PREFIX) || !FINGERPRINT.test(fragment.slice(FINGERPRINT_PREFIX.length))) {
    throw new PairingUrlError("a pairing URL ends with #sha256= and the agent certificate's 64 hex digits (the agent prints it)");
  }
  const secret = url.searchParams.get(PAIR_PARAM);
  if (secret !== null && !SECRET.test(secret)) throw new PairingUrlError(`the ?${PAIR_PARAM}= secret is not one an agent prints (letters, digits, - and _)`);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port: Number(url.port), secret, fingerprint: fragment.slice(FINGERPRINT_PREFIX.length) };
}

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
