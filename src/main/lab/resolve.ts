import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { LabError } from "../../shared/errors";
import type { Family } from "../../shared/socket-model";

const ANY: Record<Family, string> = { AF_INET: "0.0.0.0", AF_INET6: "::" };

/** The wildcard address Python shows for an unbound socket of `family`. */
export function anyAddress(family: Family): string {
  return ANY[family];
}

function gaierror(errno: string, message: string): LabError {
  return new LabError({ type: "gaierror", errno, message });
}

/**
 * Resolves a host as Python's socket module does for `family`: '' is the
 * wildcard, '<broadcast>' is 255.255.255.255, a literal of the other family is
 * `gaierror(EAI_ADDRFAMILY)`, and a name goes through getaddrinfo.
 */
export async function resolveHost(host: string, family: Family): Promise<string> {
  if (host === "") return ANY[family];
  if (host === "<broadcast>" && family === "AF_INET") return "255.255.255.255";
  const literal = isIP(host);
  const want = family === "AF_INET" ? 4 : 6;
  if (literal !== 0) {
    // glibc's getaddrinfo answers EAI_ADDRFAMILY (-9) for a literal of the other family.
    if (literal !== want) throw gaierror("EAI_ADDRFAMILY", "Address family for hostname not supported");
    return host;
  }
  try {
    return (await lookup(host, { family: want })).address;
  } catch {
    throw gaierror("EAI_NONAME", `Name or service not known: ${host}`);
  }
}
