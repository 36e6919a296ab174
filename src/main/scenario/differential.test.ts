import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { EngineName } from "../../shared/socket-model";
import { kernelEngineSupport } from "../lab/engine/kernel/libc";
import { bothTranscripts, loadScenarios } from "./differential";

const dirs = [fileURLToPath(new URL("./cases", import.meta.url)), fileURLToPath(new URL("../python/fixtures", import.meta.url))];
const scenarios = await loadScenarios(dirs);

/**
 * Steps where the portable engine cannot see what the kernel knows, with
 * the reason: each is a documented limitation of running on Node's
 * `net`/`dgram` (README, "the portable engine"), not a tolerance. The kernel
 * engine has none.
 */
const BACKLOG = "Node accepts every connection at once, so a connect beyond the listen backlog completes instead of waiting in SYN_SENT";
const KERNEL_BUFFERS =
  "Node cannot size a TCP socket's kernel buffers (SO_SNDBUF/SO_RCVBUF bound the Lab's queues only); Linux's autotuned buffers take megabytes before a send would block";
const BIND = "bind() only probes the port (libuv binds at listen or connect, with SO_REUSEADDR always on), so nothing holds it";
const SHUT_RD = "SHUT_RD is emulated: what arrives later is not queued for recv as Linux queues it";
const UDP_RECONNECT = "Node cannot re-connect a UDP socket: the Lab replaces it, and what was queued in the old one is lost";
const FLAGS = "MSG_PEEK, MSG_OOB and MSG_WAITALL need the kernel's queues: the portable engine refuses them (EOPNOTSUPP)";
const PORTABLE_DIFFERENCES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  "poll.json": {
    // After the peer's FIN, Node stops reading the socket, so the RST that
    // answers our next send is only learnt when we send again (EPIPE).
    21: "RST after FIN is invisible to Node until the next send",
  },
  "ready-connecting.json": { 10: BACKLOG, 11: BACKLOG, 12: BACKLOG },
  "ready-send-buffer-full.json": { 10: KERNEL_BUFFERS, 12: KERNEL_BUFFERS, 13: KERNEL_BUFFERS, 14: KERNEL_BUFFERS, 15: KERNEL_BUFFERS },
  "kernel-bind-conflicts.json": { 4: BIND, 19: BIND },
  "kernel-shut-rd-arrivals.json": { 10: SHUT_RD, 11: SHUT_RD, 13: SHUT_RD },
  "kernel-udp-reconnect.json": { 13: UDP_RECONNECT, 14: UDP_RECONNECT },
  "kernel-msg-flags.json": { 8: FLAGS, 12: FLAGS, 14: FLAGS, 15: FLAGS, 16: FLAGS, 17: FLAGS, 20: FLAGS, 26: FLAGS },
};

function suite(engine: EngineName, knownDifferences: typeof PORTABLE_DIFFERENCES): void {
  it.each(scenarios)("$file", async ({ file, scenario }) => {
    const known = new Set(Object.keys(knownDifferences[file] ?? {}).map(Number));
    const { lab, python } = await bothTranscripts(scenario, { skipSteps: known, engine });
    expect(python.length).toBe(scenario.steps.length - known.size);
    expect(lab).toEqual(python);
    if (known.size > 0) {
      // A known difference that disappeared should be removed from the list.
      const all = await bothTranscripts(scenario, { engine });
      expect(all.lab).not.toEqual(all.python);
    }
  });
}

describe("differential: the Lab and CPython print the same transcript", () => {
  it("has enough scenarios to mean something", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  // Linux is where the suite runs (CI included); elsewhere the kernel engine does not exist and says why.
  describe.runIf(kernelEngineSupport().ok)("kernel engine: every step agrees", () => suite("kernel", {}));
  describe("portable engine: every step but its known differences", () => suite("portable", PORTABLE_DIFFERENCES));
});
