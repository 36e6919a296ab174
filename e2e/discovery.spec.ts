import { createSocket } from "node:dgram";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CAMERA, PEER, PEER2, startDiscoveryPeer, type DiscoveryPeer } from "./discovery-peer";

/**
 * The Discovery view on loopback only: a device on 127.0.0.1 answers mDNS
 * and SSDP (and sends one broken mDNS answer); the roll call lists it with
 * both protocols and their RTT, the detail pane decodes what it said, the
 * broken answer shows as undecodable with its bytes, and the protocols
 * nobody answered get their "what to check".
 */

const SHOTS = "test-results/screenshots";
let peer: DiscoveryPeer | null = null;

test.afterEach(async () => {
  await peer?.stop();
  peer = null;
});

async function probeLoopback(page: Page, timeout = "2") {
  await page.getByRole("button", { name: "Discovery", exact: true }).click();
  const view = page.getByRole("region", { name: "Discovery" });
  const form = view.getByRole("form", { name: "Discovery settings" });
  await form.getByRole("combobox", { name: "Interface" }).selectOption("lo");
  await form.getByRole("textbox", { name: "Timeout" }).fill(timeout);
  await form.getByRole("button", { name: "Probe" }).click();
  return view;
}

test.describe("the Discovery view", () => {
  test("probes loopback: the roll call lists the device with mDNS and SSDP and their RTT, the detail decodes it, a broken answer is undecodable, silent protocols say what to check", async ({ page, lab }) => {
    peer = await startDiscoveryPeer(8631);
    const view = await probeLoopback(page);

    const table = view.getByRole("grid", { name: "Roll call: one row per device" });
    const row = table.getByRole("row", { name: /^127\.0\.0\.1,/ });
    await expect(row).toHaveAccessibleName(/mDNS answered \d+(\.\d+)? ms/);
    await expect(row).toHaveAccessibleName(/SSDP answered \d+(\.\d+)? ms/);
    await expect(row).toContainText(PEER.instance);
    await expect(row).toContainText("lo");
    await expect(row).toContainText("unicast");
    await expect(view.getByText(/^Probing on lo: /)).toBeVisible();
    await expect(view.getByRole("progressbar", { name: "Discovery progress" })).toBeVisible();

    // The run ends by its timeout; what nobody answered gets its hints.
    await expect(view.getByText(/^Ran on lo for \d+\.\d s \(timeout\)/)).toBeVisible({ timeout: 6000 });
    const hints = view.getByRole("region", { name: "What to check" });
    await expect(hints).toContainText("WS-Discovery: no device answered.");
    await expect(hints).toContainText("UDP 3702");
    await expect(hints).toContainText("LLMNR, NetBIOS only listened");
    await expect(hints).not.toContainText("mDNS: no device answered");
    expect(peer.heard()).toEqual(expect.arrayContaining(["mdns _services._dns-sd._udp.local PTR", "ssdp ssdp:all", "ssdp upnp:rootdevice"]));

    // Keyboard: the row takes focus, Enter goes to its detail.
    await row.focus();
    await page.keyboard.press("Enter");
    const detail = view.getByRole("region", { name: "127.0.0.1" });
    await expect(detail.getByRole("heading", { name: "127.0.0.1" })).toBeFocused();
    await expect(row).toHaveAttribute("aria-selected", "true");
    await expect(detail).toContainText(`${PEER.instance}`);
    await expect(detail).toContainText(`${PEER.host}:${PEER.port}`);
    await expect(detail).toContainText(PEER.usn);
    await expect(detail).toContainText(`http://127.0.0.1:8631/device.xml`);
    await expect(detail).toContainText(PEER.server);
    const protocols = detail.getByRole("table", { name: "Per protocol" });
    await expect(protocols.getByRole("row", { name: /mDNS/ })).toContainText("answered");
    await expect(protocols.getByRole("row", { name: /SSDP/ })).toContainText("unicast");

    // The decoded mDNS answer as a tree (nested lists): its sections and records.
    const dns = detail.getByRole("list", { name: "DNS" }).first();
    await dns.scrollIntoViewIfNeeded();
    await expect(dns).toBeVisible();
    await expect(dns).toContainText("Answers");
    await expect(dns).toContainText("Additional");
    await expect(dns).toContainText(`${PEER.instance}.${PEER.type} SRV`);
    await expect(dns).toContainText(`0 0 ${PEER.port} ${PEER.host}`);
    // The SSDP answer's headers.
    const ssdp = detail.locator("details.disc-msg", { hasText: "SSDP" }).first();
    await expect(ssdp.getByRole("table", { name: "Headers" })).toContainText(`USN${PEER.usn}`);
    // The truncated answer: undecodable, with why and its bytes.
    const broken = detail.locator("details.disc-msg.undecodable").first();
    await expect(broken).toContainText("Why it did not decode");
    await expect(broken.getByLabel("Hex dump")).toContainText("0000");
    await expect(view.locator("details.disc-undecodable summary")).toContainText("Undecodable datagrams");

    // Arrow keys move the selection and the focus to the next device, and back.
    const row2 = table.getByRole("row", { name: /^127\.0\.0\.2,/ });
    await expect(row2).toHaveAccessibleName(/SSDP answered/);
    await expect(row2).not.toHaveAccessibleName(/mDNS/);
    await row.focus();
    await page.keyboard.press("ArrowDown");
    await expect(row2).toBeFocused();
    await expect(row2).toHaveAttribute("aria-selected", "true");
    await expect(view.getByRole("region", { name: PEER2.address })).toContainText(PEER2.usn);
    await page.keyboard.press("ArrowUp");
    await expect(row).toBeFocused();
    await expect(row).toHaveAttribute("aria-selected", "true");

    // The shots: both sizes, both themes.
    for (const [w, h] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await view.locator(".disc-detail").evaluate((el) => el.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/discovery-${w}-light.png` });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: `${SHOTS}/discovery-${w}-dark.png` });
      await page.emulateMedia({ colorScheme: "light" });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await detail.getByRole("list", { name: "DNS" }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/discovery-detail-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/discovery-detail-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    // The same view in Chinese.
    await page.getByRole("button", { name: "Language" }).click();
    const zh = page.getByRole("region", { name: "设备发现" });
    await expect(zh.getByRole("grid", { name: "点名表：每台设备一行" })).toBeVisible();
    await expect(zh.getByRole("region", { name: "该检查什么" })).toContainText("WS-Discovery：没有设备回答。");
    await page.screenshot({ path: `${SHOTS}/discovery-zh-light.png` });
    expect(lab.output()).not.toContain("Error:");
  });

  test("a WS-Discovery camera: its ProbeMatches is tied to our Probe (RTT), and the envelope is shown re-indented", async ({ page }) => {
    peer = await startDiscoveryPeer(8633, { camera: true });
    const view = await probeLoopback(page, "1");
    const row = view.getByRole("grid", { name: "Roll call: one row per device" }).getByRole("row", { name: /^127\.0\.0\.3,/ });
    await expect(row).toHaveAccessibleName(/WS-Discovery answered \d+(\.\d+)? ms/);
    await row.click();
    const detail = view.getByRole("region", { name: CAMERA.address });
    await expect(detail).toContainText(CAMERA.endpoint);
    await expect(detail).toContainText("dn:NetworkVideoTransmitter");
    const xml = detail.getByLabel("XML").first();
    // One element a line, nested by two spaces.
    await expect(xml).toContainText("<d:ProbeMatches>\n");
    await expect(xml).toContainText("      <d:ProbeMatch>");
    await expect(detail).toContainText("http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches");
    await expect(view.getByText(/^Ran on lo for .* \(timeout\)/)).toBeVisible({ timeout: 5000 });
    await expect(view.getByRole("region", { name: "What to check" })).not.toContainText("WS-Discovery: no device answered");
    await page.screenshot({ path: `${SHOTS}/discovery-wsd-light.png` });
  });

  test("listen is a toggle: it sends nothing, runs until turned off, and its sockets close", async ({ page }) => {
    peer = await startDiscoveryPeer(8632);
    await page.getByRole("button", { name: "Discovery", exact: true }).click();
    const view = page.getByRole("region", { name: "Discovery" });
    const form = view.getByRole("form", { name: "Discovery settings" });
    await form.getByRole("combobox", { name: "Interface" }).selectOption("lo");
    const listen = form.getByRole("button", { name: "Listen" });
    await listen.click();
    await expect(listen).toHaveAttribute("aria-pressed", "true");
    await expect(view.getByText(/^Listening on lo for \d+ s/)).toBeVisible();
    await expect(form.getByRole("button", { name: "Probe" })).toBeDisabled();
    const sockets = page.getByRole("listbox", { name: "Sockets" }).getByRole("option");
    await expect(sockets.first()).toBeVisible();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${SHOTS}/discovery-listening-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/discovery-listening-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    // Passive: nothing went out, so the device heard nothing and nothing answered.
    expect(peer.heard()).toEqual([]);
    await listen.click();
    await expect(listen).toHaveAttribute("aria-pressed", "false");
    await expect(view.getByText(/^Ran on lo for .* \(stopped\)/)).toBeVisible();
    await expect(view.getByRole("region", { name: "What to check" })).toHaveCount(0);
    await expect(page.getByRole("listbox", { name: "Sockets" }).getByRole("option").filter({ hasNotText: "fd closed" })).toHaveCount(0);
  });

  test("a probe of one's own: its bytes reach a UDP device on loopback, a matching answer is a row with its RTT and hex, one that does not match is undecodable", async ({ page }) => {
    const device = createSocket("udp4");
    const got: string[] = [];
    device.on("message", (msg, from) => {
      got.push(msg.toString("hex"));
      device.send(Buffer.from("NOPE"), from.port, from.address);
      device.send(Buffer.from("ACK board-7"), from.port, from.address);
    });
    await new Promise<void>((resolve) => device.bind(0, "127.0.0.1", resolve));
    try {
      await page.getByRole("button", { name: "Discovery", exact: true }).click();
      const view = page.getByRole("region", { name: "Discovery" });
      const form = view.getByRole("form", { name: "Discovery settings" });
      await form.getByRole("combobox", { name: "Interface" }).selectOption("lo");
      await form.getByRole("textbox", { name: "Timeout" }).fill("1");
      for (const p of ["mDNS", "SSDP", "WS-Discovery", "LLMNR", "NetBIOS"]) await form.getByRole("checkbox", { name: p }).uncheck();
      await form.getByText("User-defined probe").click();
      await form.getByRole("checkbox", { name: "Also send my own probe" }).check();
      await form.getByRole("textbox", { name: "Address" }).fill("127.0.0.1");
      await form.getByRole("textbox", { name: "Port" }).fill(String(device.address().port));
      await form.getByRole("textbox", { name: "Bytes (hex)" }).fill("57 48 4f 3f");
      await form.getByRole("textbox", { name: "An answer matches" }).fill("^ACK");
      await form.getByRole("button", { name: "Probe" }).click();

      const row = view.getByRole("grid", { name: "Roll call: one row per device" }).getByRole("row", { name: /^127\.0\.0\.1,/ });
      await expect(row).toHaveAccessibleName(/probe answered \d+(\.\d+)? ms/);
      await expect(view.getByText(/^Ran on lo for .* \(timeout\)/)).toBeVisible({ timeout: 5000 });
      expect(got[0]).toBe("57484f3f");
      await row.click();
      const detail = view.getByRole("region", { name: "127.0.0.1" });
      await expect(detail.locator("details.disc-msg").first()).toContainText("11 bytes: ACK board-7");
      await expect(detail.getByLabel("Hex dump").first()).toContainText("41 43 4b");
      // The answer that did not match: in the list of undecodable datagrams, and selectable.
      await view.locator("details.disc-undecodable summary").click();
      await view.getByRole("button", { name: /probe from 127\.0\.0\.1:\d+, 4 bytes: does not match/ }).first().click();
      const undecodable = view.getByRole("region", { name: "Did not decode" });
      await expect(undecodable).toContainText("does not match the probe's matcher");
      await expect(undecodable.getByLabel("Hex dump")).toContainText("4e 4f 50 45");
      await page.screenshot({ path: `${SHOTS}/discovery-probe-light.png` });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: `${SHOTS}/discovery-probe-dark.png` });
      await page.emulateMedia({ colorScheme: "light" });
      // Nobody else was asked, and the probe was answered: nothing to check.
      await expect(view.getByRole("region", { name: "What to check" })).toHaveCount(0);
    } finally {
      await new Promise<void>((resolve) => device.close(() => resolve()));
    }
  });

  test("a bad name or timeout is refused beside the field, before anything is sent", async ({ page }) => {
    await page.getByRole("button", { name: "Discovery", exact: true }).click();
    const form = page.getByRole("form", { name: "Discovery settings" });
    await form.getByRole("textbox", { name: "Name (LLMNR, NetBIOS)" }).fill("has.dot");
    await form.getByRole("textbox", { name: "Timeout" }).fill("0");
    await form.getByRole("button", { name: "Probe" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "1 to 63 letters, digits, - or _; with NetBIOS at most 15" })).toBeVisible();
    await expect(form.getByRole("alert").filter({ hasText: "0.5 to 3600" })).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Timeout" })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/^Nothing has run yet/)).toBeVisible();
  });

  test("a probe opened as a scenario plays in the lesson player: the SSDP M-SEARCH from an ordinary socket on lo, and the device's unicast answer read", async ({ page }) => {
    peer = await startDiscoveryPeer(8634);
    await page.getByRole("button", { name: "Discovery", exact: true }).click();
    const form = page.getByRole("form", { name: "Discovery settings" });
    await form.getByRole("combobox", { name: "Interface" }).selectOption("lo");
    await form.getByRole("textbox", { name: "Timeout" }).fill("2");
    const probe = form.getByRole("combobox", { name: "Probe to open as a scenario" });
    const open = form.getByRole("button", { name: "Open as scenario" });
    // LLMNR asks for a name: without one there is nothing to open, and the button says why.
    await probe.selectOption("LLMNR");
    await expect(open).toBeDisabled();
    await expect(open).toHaveAccessibleDescription("LLMNR asks for a name: type one above first");
    await probe.selectOption("SSDP");
    await expect(open).toBeEnabled();
    await open.click();

    const strip = page.getByRole("region", { name: "Lesson player" });
    await expect(strip.getByRole("combobox", { name: "Lesson" })).toHaveValue("file:");
    await expect(strip.locator(".step-count")).toHaveText("Step 0 of 7");
    await expect(strip).toContainText("SSDP: M-SEARCH for every device (ssdp:all)");
    await page.screenshot({ path: `${SHOTS}/discovery-scenario-light.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SHOTS}/discovery-scenario-1920-light.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await strip.getByRole("button", { name: "Run all" }).click();
    await expect(strip.locator(".step-count")).toHaveText("Step 7 of 7", { timeout: 8000 });
    // The device heard the scenario's M-SEARCH, and its answer came back by unicast to the scenario's socket.
    expect(peer.heard()).toContain("ssdp ssdp:all");
    const log = page.getByRole("region", { name: "Log" });
    await expect(log.getByRole("row", { name: /datagram .*127\.0\.0\.[12]:\d+ → 127\.0\.0\.1:\d+ .*HTTP\/1\.1 200 OK/ }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/discovery-scenario-ran-light.png` });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("form", { name: "发现设置" }).getByRole("button", { name: "作为场景打开" })).toBeEnabled();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/discovery-scenario-zh-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
  });
});
