import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LabService } from "../bridge/lab-service";
import { openHost } from "../console/open-host";
import type { RemoteLab } from "../console/remote-lab";
import { Lab } from "../lab/lab";
import { LabSharing } from "./lab-sharing";

/**
 * "Let a console drive this Lab", through the contract a page calls: the
 * page's own Lab served as an agent on loopback, a console pairing with it
 * and driving its sockets, revoked, and the sharing stopped.
 */

let lab: Lab;
let page: LabService;
let consoleDir: string;
const opened: RemoteLab[] = [];

beforeEach(async () => {
  lab = new Lab();
  const dir = await mkdtemp(join(tmpdir(), "socket-lab-sharing-"));
  page = new LabService(lab, { sharing: new LabSharing(new LabService(lab), dir) });
  consoleDir = await mkdtemp(join(tmpdir(), "socket-lab-console-"));
});

afterEach(async () => {
  for (const remote of opened.splice(0)) await remote.close();
  await page.call("share_stop", {});
  lab.closeAll();
});

async function open(url: string): Promise<RemoteLab> {
  const { lab: remote } = await openHost("b", url, { configDir: consoleDir, consoleName: "teacher" });
  opened.push(remote);
  return remote;
}

describe("sharing the page's Lab with a console", () => {
  it("serves the same Lab: a console pairs by the URL, its sockets are this Lab's, and the page sees who is connected", async () => {
    expect(await page.call("share_status", {})).toBeNull();
    const shared = await page.call("share_start", { listen: "127.0.0.1", port: 0, name: "teacher-pc" });
    expect(shared).toMatchObject({ listen: "127.0.0.1", name: "teacher-pc", consoles: [], code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    expect(shared.url).toMatch(new RegExp(`^wss://127\\.0\\.0\\.1:${shared.port}/\\?pair=[A-Za-z0-9_-]+#sha256=${shared.fingerprint}$`));
    await expect(page.call("share_start", {})).rejects.toMatchObject({ info: { errno: "EEXIST" } });

    const remote = await open(shared.url);
    const { fd } = await remote.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    expect((await lab.call("snapshot", {})).sockets.map((s) => s.fd)).toContain(fd);
    const now = (await page.call("share_status", {}))!;
    expect(now.url).not.toBe(shared.url);
    expect(now.code).not.toBe(shared.code);
    expect(now.consoles).toEqual([{ id: expect.any(String), name: "teacher", pairedAt: expect.any(String), from: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }]);
    expect(now.notes.map((n) => n.note.kind)).toEqual(["pairing", "paired", "pairing", "connected"]);

    // A console cannot reconfigure the Lab's doors through the agent.
    await expect(remote.call("share_stop" as never, {} as never)).rejects.toMatchObject({ info: { errno: "EOPNOTSUPP" } });
    await expect(remote.call("hosts_poll" as never, { after: 0 } as never)).rejects.toMatchObject({ info: { errno: "EOPNOTSUPP" } });
  });

  it("revokes a console (its connection ends), and stopping ends every connection while the pairings stay", async () => {
    const shared = await page.call("share_start", { listen: "127.0.0.1", port: 0 });
    const remote = await open(shared.url);
    const lost = new Promise((resolve) => remote.onLost(resolve));
    const [paired] = (await page.call("share_status", {}))!.consoles;
    await page.call("share_revoke", { console: paired!.id });
    expect(await lost).toMatchObject({ type: "HostLostError", message: expect.stringContaining("unpaired") });
    expect((await page.call("share_status", {}))!.consoles).toEqual([]);
    await expect(page.call("share_revoke", { console: "nobody" })).rejects.toMatchObject({ info: { type: "ValueError", message: "no paired console nobody" } });

    const again = await open((await page.call("share_status", {}))!.url);
    const gone = new Promise((resolve) => again.onLost(resolve));
    await page.call("share_stop", {});
    await gone;
    expect(await page.call("share_status", {})).toBeNull();
  });

  it("says why it cannot listen: a port in use is EADDRINUSE, and the page's Lab goes on", async () => {
    const first = await page.call("share_start", { listen: "127.0.0.1", port: 0 });
    const other = new LabService(lab, { sharing: new LabSharing(new LabService(lab), await mkdtemp(join(tmpdir(), "socket-lab-sharing-"))) });
    await expect(other.call("share_start", { listen: "127.0.0.1", port: first.port })).rejects.toMatchObject({
      info: { type: "OSError", errno: "EADDRINUSE", message: expect.stringContaining(`cannot listen on 127.0.0.1:${first.port}`) },
    });
    expect(await other.call("share_status", {})).toBeNull();
  });
});
