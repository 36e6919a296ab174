import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectedPair, python, runOp, selectSocket, SHOTS } from "./steps";

const flags = (page: Page) => page.getByRole("region", { name: "Flags (watch)" });
const light = (page: Page, name: string) => flags(page).getByRole("cell", { name: new RegExp(`^${name}: `) });
const timeline = (page: Page) => flags(page).getByRole("list", { name: "Timeline" });

async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe("flags: readiness lights, their timeline, and poll()/select() once", () => {
  test("a watched connection: POLLIN lights when data arrives, goes dark when read; POLLHUP when both directions close", async ({ page }) => {
    await connectedPair(page);
    await expect(flags(page)).toContainText("Choose sockets above");
    await flags(page).getByRole("button", { name: "Watch s5" }).click();
    await expect(flags(page).getByRole("button", { name: "Stop watching s5" })).toHaveAttribute("aria-pressed", "true");

    await expect(light(page, "s5 POLLOUT")).toHaveAccessibleName("s5 POLLOUT: on");
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: off");
    await expect(light(page, "s5 POLLPRI")).toHaveAccessibleName("s5 POLLPRI: never here: needs TCP urgent data, which the Lab cannot send or see");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLOUT POLLWRNORM on; cause: watch started");

    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: on");
    await expect(light(page, "s5 POLLRDNORM")).toHaveAccessibleName("s5 POLLRDNORM: on");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLIN POLLRDNORM on; cause: 5 B arrived");
    await shots(page, "flags-pollin");

    await selectSocket(page, "s5");
    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("b'hello'");
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: off");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLIN POLLRDNORM off; cause: recv() took 5 B");

    // The peer's FIN makes s5 readable (recv would return b''); our own SHUT_WR then finishes both directions.
    await selectSocket(page, "s4");
    await runOp(page, "shutdown", (form) => form.getByRole("radio", { name: /^SHUT_WR/ }).check());
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: on");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLIN POLLRDNORM POLLRDHUP on; cause: FIN received");
    await expect(light(page, "s5 POLLHUP")).toHaveAccessibleName("s5 POLLHUP: off");
    await selectSocket(page, "s5");
    await runOp(page, "shutdown", (form) => form.getByRole("radio", { name: /^SHUT_WR/ }).check());
    await expect(light(page, "s5 POLLHUP")).toHaveAccessibleName("s5 POLLHUP: on");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLHUP on; cause: FIN sent");
    await shots(page, "flags-pollhup");

    // Closed, the fd stays in the poll set, and poll() says it is no longer valid.
    await runOp(page, "close");
    await expect(light(page, "s5 POLLNVAL")).toHaveAccessibleName("s5 POLLNVAL: on");
    await expect(timeline(page).getByRole("listitem").first()).toContainText("s5.close(): the fd is stale");
  });

  test("POLLRDHUP lights when the peer shuts its write side while bytes still wait, where POLLIN alone cannot tell EOF from data", async ({ page }) => {
    await connectedPair(page);
    await flags(page).getByRole("button", { name: "Watch s5" }).click();
    await expect(light(page, "s5 POLLRDHUP")).toHaveAccessibleName("s5 POLLRDHUP: off");
    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: on");
    await expect(light(page, "s5 POLLRDHUP")).toHaveAccessibleName("s5 POLLRDHUP: off");
    await runOp(page, "shutdown", (form) => form.getByRole("radio", { name: /^SHUT_WR/ }).check());
    await expect(light(page, "s5 POLLRDHUP")).toHaveAccessibleName("s5 POLLRDHUP: on");
    await expect(timeline(page).getByRole("listitem").first()).toHaveAccessibleName("s5: POLLRDHUP on; cause: FIN received");
    // The bytes are still queued: recv() returns them first, and POLLRDHUP stays lit for the EOF behind them.
    await selectSocket(page, "s5");
    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("b'hello'");
    await expect(light(page, "s5 POLLRDHUP")).toHaveAccessibleName("s5 POLLRDHUP: on");
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: on");
    await shots(page, "flags-pollrdhup");
  });

  test("poll() and select() once print what Python prints, and the line goes to the console", async ({ page }) => {
    await connectedPair(page);
    await flags(page).getByRole("button", { name: "Watch s4" }).click();
    await flags(page).getByRole("button", { name: "Watch s5" }).click();
    // Register only POLLIN and POLLOUT, as the tutorial does.
    await flags(page).getByText(/^Events registered/).click();
    await expect(flags(page).getByText(/^Events registered/)).toHaveText("Events registered: all 8 a program can ask for");
    for (const name of ["POLLPRI", "POLLRDNORM", "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLRDHUP"]) await flags(page).getByRole("checkbox", { name }).uncheck();
    await expect(flags(page).getByText(/^Events registered/)).toHaveText("Events registered: POLLIN, POLLOUT (2 of the 8 a program can ask for)");
    await expect(light(page, "s5 POLLRDNORM")).toHaveAccessibleName("s5 POLLRDNORM: not registered");

    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await expect(light(page, "s5 POLLIN")).toHaveAccessibleName("s5 POLLIN: on");

    const result = flags(page).getByRole("region", { name: "poll() or select() result" });
    await flags(page).getByRole("button", { name: "poll()" }).click();
    await expect(result).toContainText("p = select.poll(); p.register(s4, select.POLLIN | select.POLLOUT); p.register(s5, select.POLLIN | select.POLLOUT); p.poll(100)");
    await expect(result.locator(".printed")).toHaveText("[(4, 4), (5, 5)]");
    await expect(result).toContainText("# s5: POLLIN | POLLOUT");
    await expect(python(page).locator(".line").last()).toContainText("p.poll(100)[(4, 4), (5, 5)]");
    await shots(page, "flags-poll-once");

    await flags(page).getByRole("button", { name: "select()" }).click();
    await expect(result).toContainText("select.select([s4, s5], [s4, s5], [], 0.1)");
    await expect(result.locator(".printed")).toHaveText("([s5], [s4, s5], [])");
    await expect(python(page).locator(".line").last()).toContainText("([s5], [s4, s5], [])");

    // A closed fd stays registered by number: poll() answers POLLNVAL (32) for it.
    await runOp(page, "close");
    await expect(light(page, "s4 POLLNVAL")).toHaveAccessibleName("s4 POLLNVAL: on");
    await flags(page).getByRole("button", { name: "poll()" }).click();
    await expect(result).toContainText("p.register(4, select.POLLIN | select.POLLOUT)");
    await expect(result.locator(".printed")).toHaveText("[(4, 32), (5, 5)]");
  });

  test("Chinese: tooltips and lights speak 简体中文", async ({ page }) => {
    await connectedPair(page);
    await page.getByRole("button", { name: "Language" }).click();
    const panel = page.getByRole("region", { name: "就绪标志（监视）" });
    await panel.getByRole("button", { name: "监视 s5" }).click();
    await expect(panel.getByRole("cell", { name: /^s5 POLLOUT: / })).toHaveAccessibleName("s5 POLLOUT: 亮");
    await expect(panel.getByRole("columnheader", { name: "PRI" })).toHaveAttribute("title", /Node 既发不出也看不到/);
    await shots(page, "flags-zh");
  });
});
