import { expect, test } from "./fixtures";
import { detail, newSocket, python, runOp, sockets } from "./steps";

test.describe("Ctrl+C for a blocked call", () => {
  test("ends a blocked recv with KeyboardInterrupt; the socket stays usable and the next recv gets the data", async ({ page }) => {
    await newSocket(page, "SOCK_DGRAM");
    await runOp(page, "bind");
    await newSocket(page, "SOCK_DGRAM");
    await sockets(page).getByRole("option").filter({ hasText: /^s3 / }).click();
    await runOp(page, "recvfrom");
    const blocked = detail(page).getByRole("status", { name: /blocked in recvfrom\(\)/ });
    await expect(blocked).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/interrupt-blocked.png" });
    await python(page).focus();
    await page.keyboard.press("Control+c");
    await expect(blocked).toBeHidden();
    await expect(python(page).locator(".line").last()).toContainText("KeyboardInterrupt");
    await expect(detail(page).getByRole("button", { name: "Interrupt (Ctrl+C)" })).toHaveCount(0);

    // The interrupted call took nothing: a datagram sent now is the next recvfrom's.
    await sockets(page).getByRole("option").filter({ hasText: /^s4 / }).click();
    await runOp(page, "sendto", async (form) => {
      await form.getByLabel("Data").fill("late");
      await form.getByLabel("Fill in from this lab").selectOption("3");
    });
    await sockets(page).getByRole("option").filter({ hasText: /^s3 / }).click();
    await runOp(page, "recvfrom");
    await expect(python(page).locator(".line").last()).toContainText("b'late'");

    // The button does the same.
    await runOp(page, "recvfrom");
    await detail(page).getByRole("button", { name: "Interrupt (Ctrl+C)" }).click();
    await expect(python(page).locator(".line").last()).toContainText("KeyboardInterrupt");
    await page.screenshot({ path: "test-results/screenshots/interrupt.png" });
  });
});
