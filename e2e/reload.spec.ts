import { createServer } from "node:net";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { python, runOp, SHOTS, sockets } from "./steps";

const logPanel = (page: Page) => page.getByRole("region", { name: "Log" });
const logRows = (page: Page) => logPanel(page).getByRole("grid", { name: "Log entries" }).getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
const flags = (page: Page) => page.getByRole("region", { name: "Flags (watch)" });
const earlier = (page: Page) => page.getByRole("region", { name: /^The Lab still has \d+ sockets? from an earlier page/ });

/** A loopback port nothing listens on now, so the server's port is fixed (as a person's 9000 is) without colliding with this machine's. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** "+ TCP server" on `port` (auto-accept on), then "+ TCP client" to it: s3 listens, s4 connects, s5 is accepted. */
async function serverAndClient(page: Page, port: number): Promise<void> {
  await page.getByRole("button", { name: "+ TCP server" }).click();
  const server = page.getByRole("dialog", { name: "New TCP server" });
  await server.getByLabel("Port").fill(String(port));
  await server.getByRole("button", { name: "Listen" }).click();
  await expect(server).toBeHidden();
  await page.getByRole("button", { name: "+ TCP client" }).click();
  const client = page.getByRole("dialog", { name: "New TCP client" });
  await client.getByLabel("Port").fill(String(port));
  await client.getByRole("button", { name: "Connect" }).click();
  await expect(client).toBeHidden();
  await expect(sockets(page).getByRole("option")).toHaveCount(3);
}

test.describe("a reload does not split the truth", () => {
  test("reloading keeps the console, the recording, the watches and the log of the Lab's sockets, whose bytes still come from the Lab", async ({ page }) => {
    const port = await freePort();
    await serverAndClient(page, port);
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await expect(python(page)).toContainText("s4.sendall(b'hello')");
    await flags(page).getByRole("button", { name: "Watch s5" }).click();
    await expect(flags(page).getByRole("cell", { name: "s5 POLLIN: on" })).toBeVisible();
    const timeline = () => flags(page).getByRole("list", { name: "Timeline" }).getByRole("listitem");
    await expect(timeline()).toHaveCount(1);
    // Their text includes the time of each change: the same entries, not new ones that read alike.
    const changes = await timeline().allInnerTexts();
    const scenario = page.getByRole("button", { name: /^Scenario, \d+ steps recorded/ });
    const recorded = await scenario.getAttribute("aria-label");
    expect(recorded).toMatch(/^Scenario, (\d+) steps recorded/);
    const consoleLines = await python(page).locator(".line").allInnerTexts();
    expect(consoleLines.length).toBeGreaterThanOrEqual(6);
    await expect(logRows(page).filter({ hasText: "hello" })).toHaveCount(2);
    const rowsBefore = await logRows(page).count();

    await page.reload();

    // The same console lines, in order, and the same recording.
    await expect(python(page).locator(".line")).toHaveCount(consoleLines.length);
    expect(await python(page).locator(".line").allInnerTexts()).toEqual(consoleLines);
    await expect(page.getByRole("button", { name: /^Scenario, \d+ steps recorded/ })).toHaveAttribute("aria-label", recorded!);
    // The sockets, from the Lab; the page asks nothing about them: they are its own.
    await expect(sockets(page).getByRole("option")).toHaveCount(3);
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s3 / })).toContainText("LISTEN");
    await expect(page.getByRole("region", { name: /earlier page/ })).toHaveCount(0);
    // The watch is back, on a new watcher of this page, and its light reads the Lab as it is now.
    await expect(flags(page).getByRole("button", { name: "Stop watching s5" })).toHaveAttribute("aria-pressed", "true");
    await expect(flags(page).getByRole("cell", { name: "s5 POLLIN: on" })).toBeVisible();
    // Its timeline too, without a second "watch started" for the flags that were lit all along.
    await expect(timeline()).toHaveCount(changes.length);
    expect(await timeline().allInnerTexts()).toEqual(changes);
    // The log's rows, and the bytes behind them from the Lab's packet log (same Lab, same seqs).
    await expect(logRows(page)).toHaveCount(rowsBefore);
    const received = logRows(page).filter({ hasText: "hello" }).filter({ has: page.getByRole("gridcell", { name: "←", exact: true }) });
    await received.click();
    await expect(logPanel(page).getByRole("complementary", { name: "Entry and composer" })).toContainText("0000  68 65 6c 6c 6f");
    await page.screenshot({ path: `${SHOTS}/reload-restored-en.png` });

    // And the page goes on as before: the socket it had selected is still the one the action bar acts on.
    await runOp(page, "send", (form) => form.getByLabel("Data").fill("again"));
    await expect(python(page).locator(".line").last()).toContainText("s4.send(b'again')");
    await expect(logRows(page).filter({ hasText: "again" })).toHaveCount(2);
  });

  test("a page that kept nothing (storage cleared) asks about the Lab's sockets; Start clean closes them with close(), and the log shows it", async ({ page }) => {
    const port = await freePort();
    await serverAndClient(page, port);
    // The tab's storage is cleared as this page goes, after each time the page saves its session (pagehide, then hidden).
    await page.evaluate(() => {
      const clear = () => window.sessionStorage.clear();
      window.addEventListener("pagehide", clear);
      document.addEventListener("visibilitychange", clear);
    });
    await page.reload();

    const banner = earlier(page);
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("The Lab still has 3 sockets from an earlier page:");
    await expect(banner.getByRole("listitem")).toHaveText([`s3 TCP 127.0.0.1:${port} LISTEN`, new RegExp(`^s4 TCP 127\\.0\\.0\\.1:\\d+ ⇄ 127\\.0\\.0\\.1:${port} ESTABLISHED$`), new RegExp(`^s5 TCP 127\\.0\\.0\\.1:${port} ⇄ .* ESTABLISHED$`)]);
    await expect(python(page).locator(".line")).toHaveCount(0);
    await expect(logRows(page)).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/reload-earlier-sockets-en.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/reload-earlier-sockets-en-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("region", { name: "实验室里还有之前页面留下的 3 个套接字：" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/reload-earlier-sockets-zh.png` });
    await page.getByRole("button", { name: "语言" }).click();

    // While the listener stays, its port is taken: what the banner warns of.
    await page.getByRole("button", { name: "+ TCP server" }).click();
    const server = page.getByRole("dialog", { name: "New TCP server" });
    await server.getByLabel("Port").fill(String(port));
    await server.getByRole("button", { name: "Listen" }).click();
    await expect(page.getByRole("alert")).toContainText("OSError: [Errno 98] Address already in use");
    await server.getByRole("button", { name: "Cancel" }).click();
    await expect(python(page).locator(".line")).toHaveCount(3);
    await expect(banner).toContainText("The Lab still has 3 sockets");
    // socket, the bind that failed (kept with its error, as a replay would meet it) and the close that tidied up.
    await expect(page.getByRole("button", { name: /^Scenario, 3 steps recorded/ })).toBeVisible();

    // By keyboard: from Keep them, Tab reaches Start clean, and Enter runs it.
    await banner.getByRole("button", { name: "Keep them" }).focus();
    await page.keyboard.press("Tab");
    await expect(banner.getByRole("button", { name: "Start clean (closes them)" })).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(banner).toBeHidden();
    await expect(sockets(page).getByRole("option")).toHaveCount(0);
    for (const name of ["s3", "s4", "s5"]) await expect(python(page)).toContainText(`${name}.close()`);
    // The log's DOM holds only the rows on screen, so count the closes with its Kind filter, which leaves only them:
    // s6's after the failed bind, then s3, s4 and s5 from Start clean, each in the fd column.
    await logPanel(page).getByRole("search", { name: "Filter the log" }).getByLabel("Kind").selectOption("close");
    await expect(logRows(page)).toHaveCount(4);
    for (const [row, fd] of ["6", "3", "4", "5"].entries()) await expect(logRows(page).nth(row).getByRole("gridcell").nth(2)).toHaveText(fd);
    // The closes are tidying, not part of this page's experiment: the recording holds none of them.
    await expect(page.getByRole("button", { name: /^Scenario, 3 steps recorded/ })).toBeVisible();

    // The port is free again for this page's own server.
    await page.getByRole("button", { name: "+ TCP server" }).click();
    await server.getByLabel("Port").fill(String(port));
    await server.getByRole("button", { name: "Listen" }).click();
    await expect(server).toBeHidden();
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s3 / })).toContainText("LISTEN");

    // Decided: the next reload restores this page, and asks nothing.
    await page.reload();
    await expect(sockets(page).getByRole("option")).toHaveCount(1);
    await expect(page.getByRole("region", { name: /earlier page/ })).toHaveCount(0);
  });
});
