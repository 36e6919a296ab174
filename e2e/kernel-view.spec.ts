import { expect, test } from "./fixtures";
import { connectedPair, runOp, selectSocket, sockets } from "./steps";

test.describe("the kernel's view around the Lab", () => {
  test("a closed connection leaves a dimmed TIME_WAIT row that counts down and explains SO_REUSEADDR", async ({ page }) => {
    await connectedPair(page);
    // The client closes first, so its side keeps the connection in TIME_WAIT.
    await selectSocket(page, "s4");
    await runOp(page, "close");
    await selectSocket(page, "s5");
    await runOp(page, "close");
    const remnants = page.getByRole("list", { name: "Held by the kernel" });
    const row = remnants.getByRole("listitem").filter({ hasText: "TIME_WAIT" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/kernel still holds 127\.0\.0\.1:\d+ → :\d+ in TIME_WAIT, (59|60) s/);
    await expect(row).toHaveAttribute("title", /SO_REUSEADDR/);
    await expect(row).toContainText(/, 5\d s/, { timeout: 5000 });
    await expect(sockets(page).getByRole("option")).toHaveCount(1);
    await page.screenshot({ path: "test-results/screenshots/kernel-time-wait.png" });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("list", { name: "内核仍持有" })).toContainText("内核仍保留");
    await page.screenshot({ path: "test-results/screenshots/kernel-time-wait-zh.png" });
  });
});
