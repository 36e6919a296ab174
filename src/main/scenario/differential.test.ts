import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bothTranscripts, loadScenarios } from "./differential";

const dirs = [fileURLToPath(new URL("./cases", import.meta.url)), fileURLToPath(new URL("../python/fixtures", import.meta.url))];
const scenarios = await loadScenarios(dirs);

/**
 * Steps where the Lab cannot see what the kernel knows, with the reason.
 * Each is a documented limitation of running on Node, not a tolerance.
 */
const BACKLOG = "Node accepts every connection at once, so a connect beyond the listen backlog completes instead of waiting in SYN_SENT";
const KERNEL_BUFFERS =
  "Node cannot size a TCP socket's kernel buffers (SO_SNDBUF/SO_RCVBUF bound the Lab's queues only); Linux's autotuned buffers take megabytes before a send would block";
const KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  "poll.json": {
    // After the peer's FIN, Node stops reading the socket, so the RST that
    // answers our next send is only learnt when we send again (EPIPE).
    21: "RST after FIN is invisible to Node until the next send",
  },
  "ready-connecting.json": { 10: BACKLOG, 11: BACKLOG, 12: BACKLOG },
  "ready-send-buffer-full.json": { 10: KERNEL_BUFFERS, 12: KERNEL_BUFFERS, 13: KERNEL_BUFFERS, 14: KERNEL_BUFFERS, 15: KERNEL_BUFFERS },
};

describe("differential: the Lab and CPython print the same transcript", () => {
  it("has enough scenarios to mean something", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(17);
  });

  it.each(scenarios)("$file", async ({ file, scenario }) => {
    const known = new Set(Object.keys(KNOWN_DIFFERENCES[file] ?? {}).map(Number));
    const { lab, python } = await bothTranscripts(scenario, known);
    expect(python.length).toBe(scenario.steps.length - known.size);
    expect(lab).toEqual(python);
    if (known.size > 0) {
      // A known difference that disappeared should be removed from the list.
      const all = await bothTranscripts(scenario);
      expect(all.lab).not.toEqual(all.python);
    }
  });
});
