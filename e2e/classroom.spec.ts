import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { detail, python, sockets } from "./steps";

/** What a teacher's projector shows: every control the walk uses must be on screen when used, without dragging a splitter. */
async function inView(page: Page, control: Locator, options: { scroll?: boolean } = {}): Promise<Locator> {
  await expect(control).toBeVisible();
  // Without `scroll`, what the app itself shows is what a teacher sees; with it, a turn of the wheel in the detail pane (never a splitter).
  if (options.scroll) await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  const size = page.viewportSize()!;
  expect(box, "the control has a box").not.toBeNull();
  expect(box!.x, "left edge on screen").toBeGreaterThanOrEqual(0);
  expect(box!.y, "top edge on screen").toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, "right edge on screen").toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height, "bottom edge on screen").toBeLessThanOrEqual(size.height);
  // Nothing sits on top of it (the console or the log covering a Run button). Box and hit are read in one go, and
  // again while the page settles: a bar that rewraps as a step runs moves the control between two separate reads.
  const covered = () =>
    control.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return top !== null && (el === top || el.contains(top)) ? "" : `${el.textContent ?? ""} is under ${top?.outerHTML.slice(0, 120) ?? "nothing"}`;
    });
  await expect.poll(covered, { message: "the control is not covered", timeout: 2000 }).toBe("");
  return control;
}

async function click(page: Page, control: Locator, options: { scroll?: boolean } = {}): Promise<void> {
  await (await inView(page, control, options)).click();
}

async function pick(page: Page, name: string): Promise<void> {
  await click(page, sockets(page).getByRole("option").filter({ hasText: new RegExp(`^${name} `) }));
  await expect(detail(page)).toContainText(name);
}

/** Opens an operation's form from the action bar, fills it, and presses Run: all of it on screen. */
async function op(page: Page, name: string, fill?: (form: Locator) => Promise<void>, options: { scroll?: boolean } = {}): Promise<void> {
  const form = page.getByRole("form", { name });
  if (!(await form.isVisible())) await click(page, page.getByRole("toolbar").getByRole("button", { name, exact: true }), options);
  await fill?.(form);
  await click(page, form.getByRole("button", { name: "Run" }));
}

const lastLine = (page: Page) => python(page).locator(".line").last();

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  test.describe(`classroom walk at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("quick TCP server and client behave like a Python program: recv gets the bytes, a timeout loses nothing", async ({ page }) => {
      await click(page, page.getByRole("button", { name: "+ TCP server" }));
      const server = page.getByRole("dialog", { name: "New TCP server" });
      await expect(server.getByRole("checkbox", { name: /auto-recv/ })).not.toBeChecked();
      await server.getByLabel("Port").fill("0");
      await click(page, server.getByRole("button", { name: "Listen" }));
      await expect(server).toBeHidden();
      // Focus goes back to the button that opened the dialog, not to <body>.
      await expect(page.getByRole("button", { name: "+ TCP server" })).toBeFocused();

      await click(page, page.getByRole("button", { name: "+ TCP client" }));
      const client = page.getByRole("dialog", { name: "New TCP client" });
      await expect(client.getByRole("checkbox", { name: /auto-recv/ })).not.toBeChecked();
      await click(page, client.getByRole("button", { name: "Connect" }));
      await expect(sockets(page).getByRole("option")).toHaveCount(3);
      // Auto-accept is the Lab's, and the console says it did it.
      await expect(python(page)).toContainText("the Lab accepted s5");

      await op(page, "send", (form) => form.getByLabel("Data").fill("hello"));
      await expect(lastLine(page)).toContainText("s4.send(b'hello')");

      await pick(page, "s5");
      await expect(detail(page)).toContainText("ESTABLISHED");
      await op(page, "recv");
      await expect(lastLine(page)).toContainText("s5.recv(1024)");
      await expect(lastLine(page)).toContainText("b'hello'");

      await op(page, "send", (form) => form.getByLabel("Data").fill("world"));
      await pick(page, "s4");
      await op(page, "recv");
      await expect(lastLine(page)).toContainText("s4.recv(1024)");
      await expect(lastLine(page)).toContainText("b'world'");

      // settimeout: typing the number picks the seconds choice.
      await op(page, "settimeout", (form) => form.getByRole("textbox", { name: "seconds" }).fill("0.3"));
      await expect(lastLine(page)).toContainText("s4.settimeout(0.3)");
      await op(page, "recv");
      await expect(lastLine(page)).toContainText("TimeoutError: timed out");

      // Late data: sent after the timeout, returned by the next recv on the same socket.
      await pick(page, "s5");
      await op(page, "send", (form) => form.getByLabel("Data").fill("late"));
      await pick(page, "s4");
      await op(page, "recv");
      await expect(lastLine(page)).toContainText("b'late'");
      await page.screenshot({ path: `/tmp/shots-ui/walk-${size.width}-light.png` });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: `/tmp/shots-ui/walk-${size.width}-dark.png` });
    });
  });
}

test.describe("classroom: keyboard and small things", () => {
  test("the first Tab offers a skip link past the header; dialogs give focus back to their button; export says there is no filter", async ({ page }) => {
    // A Tab pressed before the page has drawn lands on nothing: wait for the page first, as a person would.
    const skip0 = page.getByRole("link", { name: "Skip to the sockets" });
    await expect(skip0).toBeAttached();
    await page.keyboard.press("Tab");
    await expect(skip0).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#workspace")).toBeFocused();

    // Escape in the quick server's dialog returns focus to its button.
    await page.getByRole("button", { name: "+ TCP server" }).click();
    await expect(page.getByRole("dialog", { name: "New TCP server" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "+ TCP server" })).toBeFocused();

    // With no filter set the export dialog does not offer "the 0 rows the filter shows".
    const log = page.getByRole("region", { name: "Log" });
    await log.getByRole("button", { name: "Export" }).click();
    const dialog = log.getByRole("dialog", { name: "Export the log" });
    await expect(dialog.getByRole("radio", { name: "Only the rows a filter shows (no filter is set)" })).toBeDisabled();
    await expect(dialog).not.toContainText("The 0 rows");
    await page.keyboard.press("Escape");
    await expect(log.getByRole("button", { name: "Export" })).toBeFocused();
  });

  test("Chinese: state names stay Linux's with a gloss in the tooltip; the console's Lab tag and the Lab's own modes are marked", async ({ page }) => {
    await page.getByRole("button", { name: "Language" }).click();
    await page.getByRole("button", { name: "+ TCP 服务器" }).click();
    const server = page.getByRole("dialog", { name: "新建 TCP 服务器" });
    await expect(server).toContainText("实验室功能，非 Python");
    await server.getByLabel("端口").fill("0");
    await server.getByRole("button", { name: "监听" }).click();
    const row = page.getByRole("listbox", { name: "套接字" }).getByRole("option").first();
    await expect(row).toContainText("LISTEN");
    await expect(row.getByText("LISTEN")).toHaveAttribute("title", "LISTEN（等待连接；accept() 从队列中取走它们）");
    await expect(python(page).locator(".line.lab .prompt").first()).toHaveText("实验室");
    await page.screenshot({ path: "/tmp/shots-ui/zh-listen-1280-light.png" });
  });
});

test.describe("classroom: a lesson on a projector", () => {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    test(`with the lesson strip open at ${size.width}×${size.height}, a socket's form and its Run button are on screen`, async ({ page }) => {
      await page.setViewportSize(size);
      await click(page, page.getByRole("button", { name: "Lessons", exact: true }));
      const strip = page.getByRole("region", { name: "Lesson player" });
      await strip.getByRole("combobox", { name: "Lesson" }).selectOption({ label: "Half-open sockets: shutdown() closes one direction at a time" });
      for (let n = 1; n <= 8; n++) await click(page, strip.getByRole("button", { name: "Next step" }));
      await expect(strip.locator(".step-count")).toHaveText("Step 8 of 29");
      await pick(page, "s5");
      // At 1024×768 a long narration leaves the detail pane short: its action bar is a turn of the wheel away (the pane scrolls; no splitter).
      await op(page, "recv", undefined, { scroll: size.width < 1280 });
      await expect(lastLine(page)).toContainText("b'request'");
      await inView(page, python(page));
      await page.screenshot({ path: `/tmp/shots-ui/lesson-form-${size.width}-light.png` });
    });
  }

  test("switching lessons starts a clean log: no rows of the old lesson, no FIN for its closed sockets", async ({ page }) => {
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const strip = page.getByRole("region", { name: "Lesson player" });
    const picker = strip.getByRole("combobox", { name: "Lesson" });
    await picker.selectOption({ label: "Half-open sockets: shutdown() closes one direction at a time" });
    for (let n = 1; n <= 8; n++) await strip.getByRole("button", { name: "Next step" }).click();
    const log = page.getByRole("region", { name: "Log" });
    await expect(log.getByText(/^\d+ entries$/)).not.toHaveText("0 entries");
    await picker.selectOption({ index: 2 });
    await expect(strip.locator(".step-count")).toHaveText(/^Step 0 of \d+$/);
    // Let the old session's late events (FINs of its closing sockets) arrive.
    await page.waitForTimeout(500);
    await expect(log.getByText(/^\d+ entries$/)).toHaveText("0 entries");
    await strip.getByRole("button", { name: "Next step" }).click();
    await expect(log.getByText(/^1 entry$/)).toBeVisible();
  });
});
