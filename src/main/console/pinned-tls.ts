import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import { certificateFingerprint } from "../agent/identity";

/** The agent's certificate is not the one pinned: nothing was sent to it. */
export class PinMismatchError extends Error {}

/**
 * A TLS connection to an agent whose certificate is the pinned one, checked
 * before anything is written: the pairing secret or the credential only
 * ever goes to the machine holding the pinned certificate's private key
 * (TLS 1.3 proves possession in the handshake). The certificate is
 * self-signed, so no CA vouches for it; the fingerprint is the whole trust.
 */
export function connectPinned(host: string, port: number, fingerprint: string, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      // A name for SNI only: the agent has one certificate, and an IP address is no server name.
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      minVersion: "TLSv1.3",
      ALPNProtocols: ["http/1.1"],
    });
    const fail = (err: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`no TLS handshake with ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    socket.once("error", (err) => fail(new Error(`cannot reach the agent at ${host}:${port}: ${err.message}`, { cause: err })));
    socket.once("secureConnect", () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      const seen = raw ? certificateFingerprint(raw) : "";
      if (seen.length !== fingerprint.length || !timingSafeEqual(Buffer.from(seen), Buffer.from(fingerprint))) {
        fail(
          new PinMismatchError(
            `the agent at ${host}:${port} presented a certificate with fingerprint sha256=${seen || "(none)"}, not the pinned sha256=${fingerprint}: refused, nothing was sent (another machine on that address, or the agent's identity was made anew: pair again with its new URL)`,
          ),
        );
        return;
      }
      clearTimeout(timer);
      socket.removeAllListeners("error");
      // From here the WebSocket's request reports errors; until it listens, one must not crash the console.
      socket.on("error", () => {});
      resolve(socket);
    });
  });
}
