import { hostname } from "node:os";
import { join } from "node:path";
import { parsePairingUrl, type PairingUrl } from "../../shared/pairing-url";
import { pairingCode } from "../agent/pairing-url";
import { KnownAgents } from "./known-agents";
import { AgentRefusedError, RemoteLab, type Heartbeat } from "./remote-lab";

export interface OpenHostOptions {
  /** The console's config directory (config-dir.ts); paired agents are kept under it. */
  readonly configDir: string;
  readonly consoleName?: string;
  readonly timeoutMs?: number;
  readonly heartbeat?: Heartbeat;
}

export interface OpenedHost {
  readonly lab: RemoteLab;
  /** This connection paired (the URL's secret was used): the code the agent printed beside that URL. */
  readonly pairedWithCode: string | null;
}

/** A connection of 5 s is generous on a LAN; a machine that is off should not hold a run for long. */
const CONNECT_TIMEOUT_MS = 5000;

export function knownAgentsIn(configDir: string): KnownAgents {
  return new KnownAgents(join(configDir, "console", "agents.json"));
}

/**
 * Connects to the agent a pairing URL names. Known already (its fingerprint
 * is among the paired agents): with the stored credential, so the same URL
 * works again after its secret was used. Not known, or its credential
 * refused (revoked) while the URL still carries a secret: pairs, and keeps
 * the credential. Every connection checks the pinned fingerprint first.
 */
export async function openHost(host: string, urlText: string, options: OpenHostOptions): Promise<OpenedHost> {
  const url = parsePairingUrl(urlText);
  const agents = knownAgentsIn(options.configDir);
  const known = agents.get(url.fingerprint);
  const connect = (credential: string | null, to: PairingUrl = url): Promise<RemoteLab> =>
    RemoteLab.connect({
      host,
      url: to,
      consoleName: options.consoleName ?? hostname(),
      credential,
      timeoutMs: options.timeoutMs ?? CONNECT_TIMEOUT_MS,
      heartbeat: options.heartbeat,
    });
  if (known) {
    try {
      const lab = await connect(known.credential);
      agents.put({ ...known, address: [url.host, url.port] });
      return { lab, pairedWithCode: null };
    } catch (err) {
      if (!(err instanceof AgentRefusedError && err.status === 401 && url.secret !== null)) throw err;
      // Unpaired on the agent's side; the URL's secret may be a fresh one.
    }
  }
  if (url.secret === null) throw new Error(`this console is not paired with the agent sha256=${url.fingerprint}: pair with the URL it prints (the one with ?pair=)`);
  const lab = await connect(null);
  agents.put({ fingerprint: url.fingerprint, name: lab.agentName, address: [url.host, url.port], credential: lab.credential!, pairedAt: new Date().toISOString() });
  return { lab, pairedWithCode: pairingCode(url.fingerprint, url.secret) };
}
