import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/*
 * Only loopback may carry these tests' traffic (CI machines sit on shared
 * networks): every broadcast goes to 127.255.255.255 and receivers bind to
 * ''. Never '<broadcast>', 255.255.255.255 or a LAN address here; test/lan
 * covers those inside network namespaces.
 */

const SHOTS = "test-results/screenshots";

const panel = (page: Page) => page.getByRole("region", { name: "Broadcast and multicast" });
const receivers = (page: Page) => panel(page).getByRole("list", { name: "Receivers" });
const responders = (page: Page) => panel(page).getByRole("table", { name: "Responders" });

/** Opens the panel with loopback as the source interface, and the sender aimed at its broadcast address. */
async function openOnLoopback(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Broadcast", exact: true }).click();
  const bc = panel(page);
  await bc.getByRole("radio", { name: "Use lo 127.0.0.1 as the source" }).check();
  await expect(bc.getByText("is loopback. Linux gives lo no BROADCAST flag")).toBeVisible();
  await bc.getByRole("radio", { name: /^Subnet broadcast of lo: 127\.255\.255\.255/ }).check();
  return bc;
}

/** The tutorial's receiver: ('', port), SO_REUSEADDR, auto-reply "ACK". The first takes port 0; the next share its port. */
async function addReceiver(page: Page, options: { port?: string; host?: string } = {}): Promise<void> {
  const form = panel(page).getByRole("form", { name: "New receiver" });
  if (options.port !== undefined) await form.getByLabel("Port").fill(options.port);
  if (options.host !== undefined) await form.getByLabel("Host").fill(options.host);
  await form.getByRole("button", { name: "Add receiver" }).click();
}

test.describe("broadcast: sender, receivers, responders", () => {
  test("two ACK receivers on '' answer a broadcast to 127.255.255.255: both responders with RTTs, in a table and on the map", async ({ page, lab }) => {
    const bc = await openOnLoopback(page);
    await addReceiver(page, { port: "0" });
    await expect(receivers(page).getByRole("listitem", { name: "s3" })).toContainText("0.0.0.0:");
    await addReceiver(page);
    await expect(receivers(page).getByRole("listitem")).toHaveCount(2);
    const port = (await receivers(page).getByRole("listitem", { name: "s3" }).textContent())?.match(/0\.0\.0\.0:(\d+)/)?.[1];
    expect(port).toBeTruthy();
    await expect(receivers(page).getByRole("listitem", { name: "s4" })).toContainText(`0.0.0.0:${port}`);
    await expect(bc.getByRole("textbox", { name: "Port" }).first()).toHaveValue(port!);

    await expect(bc.getByRole("checkbox", { name: /SO_BROADCAST allow sending/ })).toBeChecked();
    await expect(bc.getByText(`>>> sock.sendto(b'Hi there!', ('127.255.255.255', ${port}))`)).toBeVisible();
    await bc.getByRole("button", { name: "Send", exact: true }).click();

    const rows = responders(page).getByRole("row").filter({ hasText: "ACK" });
    await expect(rows).toHaveCount(2);
    // By the responder's name ("· s3"): a bare "s3" also matches an RTT such as "ms31.4".
    await expect(rows.filter({ hasText: "· s3" })).toContainText(/\d+\.\d+ ms/);
    await expect(rows.filter({ hasText: "· s4" })).toContainText(/\d+\.\d+ ms/);
    await expect(bc.getByRole("img", { name: "Map: s5 in the middle, 2 responders around it" })).toBeVisible();
    await expect(receivers(page).getByText("✓ got it")).toHaveCount(2);
    await expect(page.getByRole("log", { name: "Python" })).toHaveCount(0);

    // A receiver bound to 127.0.0.1 never gets a broadcast, not even loopback's: the panel says so, before and after.
    await addReceiver(page, { host: "127.0.0.1" });
    const single = receivers(page).getByRole("listitem", { name: "s6" });
    await expect(single).toContainText("Bound to the single address 127.0.0.1");

    // A beacon: three sends, one entry, each responder counted over the repeats.
    await bc.getByRole("textbox", { name: "Interval between sends, in milliseconds" }).fill("100");
    await bc.getByRole("textbox", { name: "Number of sends" }).fill("3");
    await bc.getByRole("button", { name: "Repeat" }).click();
    await expect(bc.getByText("3 / 3 sent")).toBeVisible();
    await expect(bc.getByRole("combobox", { name: "Broadcast shown" })).toContainText("×3");
    await expect(rows.filter({ hasText: "s3" }).getByRole("cell").nth(1)).toHaveText("3");
    await expect(rows.filter({ hasText: "s4" }).getByRole("cell").nth(1)).toHaveText("3");
    await expect(single).toContainText("✗ got nothing");
    await expect(single.getByText(/receives no broadcasts/)).toHaveCount(1);

    await expect(bc.getByLabel("Dropped, receive queue full")).toHaveText("0");
    // A taller window, so the shots show the whole responders card above the log.
    await page.setViewportSize({ width: 1280, height: 1200 });
    const card = bc.getByRole("region", { name: "Responders" });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/broadcast-light.png` });
    await card.screenshot({ path: `${SHOTS}/broadcast-responders-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/broadcast-dark.png` });
    await card.screenshot({ path: `${SHOTS}/broadcast-responders-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    await bc.getByRole("heading", { name: "Drops" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/broadcast-multicast-drops-light.png` });
    await bc.getByRole("heading", { name: "Interfaces" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/broadcast-sender-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/broadcast-sender-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    expect(lab.output()).not.toContain("Error:");
  });

  test("without SO_BROADCAST the send fails with EACCES, explained, and the fix is one click", async ({ page }) => {
    const bc = await openOnLoopback(page);
    await addReceiver(page, { port: "0" });
    await expect(receivers(page).getByRole("listitem")).toHaveCount(1);
    await bc.getByRole("checkbox", { name: /SO_BROADCAST allow sending/ }).uncheck();
    await bc.getByRole("button", { name: "Send", exact: true }).click();

    const why = bc.getByRole("alert");
    await expect(why).toContainText("PermissionError: [Errno 13] Permission denied");
    await expect(why).toContainText("The kernel refused to send a broadcast from a socket without SO_BROADCAST");
    await expect(page.getByRole("log", { name: "Python" })).toHaveCount(0);
    await expect(bc.getByRole("combobox", { name: "Broadcast shown" })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/broadcast-eacces-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/broadcast-eacces-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    await why.getByRole("button", { name: "Turn SO_BROADCAST on" }).click();
    await expect(bc.getByRole("checkbox", { name: /SO_BROADCAST allow sending/ })).toBeChecked();
    await bc.getByRole("button", { name: "Send", exact: true }).click();
    await expect(why).toHaveCount(0);
    await expect(responders(page).getByRole("row").filter({ hasText: "ACK" })).toHaveCount(1);

    // Every call the panel made is Python in the socket's console: the sender's is s4.
    await page.getByRole("listbox", { name: "Sockets" }).getByRole("option").filter({ hasText: /^s4 / }).click();
    const python = page.getByRole("log", { name: "Python" });
    await expect(python).toContainText("s4.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)");
    await expect(python).toContainText("PermissionError: [Errno 13] Permission denied");

    // The same panel in Chinese.
    await page.getByRole("button", { name: "Broadcast", exact: true }).click();
    await page.getByRole("button", { name: "Language" }).click();
    const zh = page.getByRole("region", { name: "广播与组播" });
    await expect(zh.getByRole("heading", { name: "应答者" })).toBeVisible();
    await expect(zh.getByRole("list", { name: "接收方" })).toContainText("✓ 收到了");
    await page.screenshot({ path: `${SHOTS}/broadcast-zh-light.png` });
  });
});
