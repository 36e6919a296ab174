import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { exportPython } from "../../src/main/python/export";
import { validateScenario, type Scenario } from "../../src/shared/scenario";
import { createLan, lanTest, lanUnavailable, spawnIn, udpBound, until, type Lan } from "./netns";

/**
 * `socket-lab export-python --host NAME` on a real LAN: the multi-host
 * broadcast scenario written as one CPython program per host, each run in its
 * own namespace (a is "local", b and c the receivers) in the order the
 * programs' note gives, as a class would run them on three machines.
 */

const FIXTURE = fileURLToPath(new URL("./fixtures/multi-host-broadcast.json", import.meta.url));
const RECEIVER_PORT = 12345;

function fixture(): Scenario {
  const parsed = validateScenario(JSON.parse(readFileSync(FIXTURE, "utf8")));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runIn(netns: string, file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnIn(netns, "python3", [file], { stdio: ["ignore", "pipe", "pipe"], timeout: 20_000 });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const unavailable = lanUnavailable();
if (unavailable) console.log(`[lan] every LAN test is skipped: ${unavailable}`);

describe("one exported Python program per host, run on a real LAN (network namespaces)", () => {
  let lan: Lan | undefined;
  let dir: string;

  beforeAll(async () => {
    if (unavailable) return;
    lan = await createLan();
    dir = mkdtempSync(join(tmpdir(), "socket-lab-export-hosts-"));
  }, 30_000);

  afterAll(() => {
    lan?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  lanTest("b and c start first, then local: the broadcast reaches both, each answers at the address its recvfrom returned, and local prints both ACKs", async () => {
    const { a, b, c } = lan!.hosts;
    const scenario = fixture();
    const file = (host: string) => {
      const path = join(dir, `${host}.lab.py`);
      writeFileSync(path, exportPython(scenario, { host }));
      return path;
    };
    const program = readFileSync(file("b"), "utf8");
    expect(program).toContain("each within the others' timeouts: b, then c, then local.");
    // The sender is bound to port 0: b knows its address only from the datagram, as the tutorial's receiver does.
    expect(program).toContain("data, rb_from = rb.recvfrom(1024)");
    expect(program).toContain("print(rb.sendto(b'ACK from b', rb_from))");

    const receivers = Promise.all([runIn(b.netns, file("b")), runIn(c.netns, file("c"))]);
    await until(() => udpBound(b.netns, RECEIVER_PORT) && udpBound(c.netns, RECEIVER_PORT), "b's and c's programs bound to their port");
    const local = await runIn(a.netns, file("local"));
    const [rb, rc] = await receivers;

    const heard = new RegExp(`^\\(b'Hi there!', \\('${a.address.replaceAll(".", "\\.")}', (\\d+)\\)\\)\n10\n$`);
    expect(rb).toMatchObject({ status: 0, stderr: "", stdout: expect.stringMatching(heard) });
    expect(rc).toMatchObject({ status: 0, stderr: "", stdout: expect.stringMatching(heard) });
    // Both heard the one sender's port, which only a's kernel picked.
    expect(heard.exec(rb.stdout)![1]).toBe(heard.exec(rc.stdout)![1]);
    expect(local.stderr).toBe("");
    expect(local.status).toBe(0);
    // The ACKs arrive in the network's order, not necessarily the scenario's.
    const [sent, ...acks] = local.stdout.trimEnd().split("\n");
    expect(sent).toBe("9");
    expect(acks.sort()).toEqual([`(b'ACK from b', ('${b.address}', ${RECEIVER_PORT}))`, `(b'ACK from c', ('${c.address}', ${RECEIVER_PORT}))`]);
  }, 60_000);
});
