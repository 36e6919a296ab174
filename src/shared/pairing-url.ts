/**
 * The pairing URL an agent prints and a console pastes: shared, so a page
 * checks what it was given before the console connects.
 */
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

/** An IPv6 address in brackets, as a URL writes it (only IPv6 addresses have colons; names and IPv4 have none). */
export function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
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

