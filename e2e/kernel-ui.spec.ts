import { expect, test } from "./fixtures";
import { SHOTS } from "./steps";

/* The kernel engine as a person sees it: the header says which engine runs. */

test.describe("the kernel's view in the UI", () => {
  test("the header says the kernel engine runs; its explanation shows on keyboard focus and Escape hides it", async ({ page }) => {
    const badge = page.getByRole("banner").getByRole("button", { name: "Engine: kernel" });
    await expect(badge).toHaveText("kernel");
    await expect(badge).toHaveAccessibleDescription("Kernel engine: every socket is a real Linux kernel socket; what you see is what the kernel answers.");
    const tip = page.getByRole("tooltip");
    await expect(tip).toBeHidden();
    await badge.focus();
    await expect(tip).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(tip).toBeHidden();
    // Pinned for a class: it stays when the pointer and the focus go elsewhere.
    await page.keyboard.press("Enter");
    await expect(badge).toHaveAttribute("aria-expanded", "true");
    await page.mouse.move(640, 400);
    await expect(tip).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/kernel-header-en.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "引擎：kernel" })).toHaveAccessibleDescription(/每个套接字都是真实的 Linux 内核套接字/);
    await page.screenshot({ path: `${SHOTS}/kernel-header-zh.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
  });

  test("the header says when the portable engine runs, and why the kernel one could not", async ({ page }) => {
    // The machines here run the kernel engine: the page is told otherwise, in the snapshot's own words, on its way in.
    const reason = "koffi could not load libc.so.6 (a test's stand-in reason)";
    await page.routeWebSocket(/\/lab\b/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { reply?: { ok: boolean; result?: { engine?: unknown; sockets?: { kernel: unknown }[] } } };
        const result = parsed.reply?.ok ? parsed.reply.result : undefined;
        if (result?.engine) {
          result.engine = { name: "portable", fallback: reason };
          for (const s of result.sockets ?? []) s.kernel = null;
        }
        ws.send(JSON.stringify(parsed));
      });
    });
    await page.reload();
    const badge = page.getByRole("banner").getByRole("button", { name: "Engine: portable" });
    await expect(badge).toHaveText("portable");
    await expect(badge).toHaveAccessibleDescription(`Portable engine: a model of Linux on Node's net and dgram, with known differences (no tcp_info, no urgent data, no interface of arrival). The kernel engine could not run here: ${reason}`);
    await badge.click();
    await expect(page.getByRole("tooltip")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/kernel-header-portable-en.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("tooltip")).toContainText("内核引擎无法在这里运行");
    await page.screenshot({ path: `${SHOTS}/kernel-header-portable-zh.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
  });
});
