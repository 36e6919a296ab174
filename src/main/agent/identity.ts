import { createHash, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { writePrivateFile } from "./secret-file";

/** An agent's TLS identity: the certificate consoles pin, by its SHA-256 fingerprint. */
export interface AgentIdentity {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate's DER, 64 lower-case hex digits: what `#sha256=` in the pairing URL carries. */
  readonly fingerprint: string;
}

/** Ten years: consoles pin the certificate itself, so its dates only need to outlast the classroom. */
const VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000;

export function certificateFingerprint(der: Buffer): string {
  return createHash("sha256").update(der).digest("hex");
}

/**
 * The agent's certificate and key from `dir` (cert.pem, key.pem), made on
 * first start: a self-signed ECDSA P-256 certificate (the `selfsigned`
 * package, on WebCrypto). Files that exist but do not parse are an error,
 * not silently replaced: every paired console pinned the old one.
 */
export async function loadIdentity(dir: string): Promise<AgentIdentity & { readonly created: boolean }> {
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  let created = false;
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const made = await generate([{ name: "commonName", value: "Socket Lab agent" }], {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
      notBeforeDate: new Date(Date.now() - 24 * 3600 * 1000),
      notAfterDate: new Date(Date.now() + VALIDITY_MS),
    });
    writePrivateFile(keyFile, made.private);
    writePrivateFile(certFile, made.cert);
    created = true;
  }
  const cert = readFileSync(certFile, "utf8");
  const key = readFileSync(keyFile, "utf8");
  let der: Buffer;
  try {
    der = new X509Certificate(cert).raw;
  } catch (err) {
    throw new Error(`${certFile} is not a certificate (${err instanceof Error ? err.message : String(err)}); delete it and key.pem to make a new identity, then pair every console again`, { cause: err });
  }
  return { cert, key, fingerprint: certificateFingerprint(der), created };
}
