import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectedPair, detail, python, runOp, selectSocket, SHOTS } from "./steps";

const framing = (page: Page) => detail(page).getByRole("region", { name: "Framing" });
const frames = (page: Page) => framing(page).getByRole("list", { name: "Frames decoded from them" }).getByRole("listitem");
const chunks = (page: Page) => framing(page).getByRole("list", { name: "Chunks as the Lab saw them arrive" }).getByRole("listitem");
const reads = (page: Page) => framing(page).getByRole("list", { name: "What each recv() returned" }).getByRole("listitem");
const composer = (page: Page) => framing(page).getByRole("form", { name: "Send framed messages" });

/** Opens the selected connection's framing section and chooses (and applies) a framing. */
async function decodeWith(page: Page, choice: string): Promise<void> {
  const toggle = framing(page).getByRole("button", { name: /^Framing/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await framing(page).getByRole("combobox", { name: "Framing" }).selectOption({ label: choice });
  await framing(page).getByRole("button", { name: "Decode the stream" }).click();
}

/** Opens the framing section of the selected socket without applying anything (the composer sends with its choice). */
async function openFraming(page: Page, choice: string): Promise<Locator> {
  const toggle = framing(page).getByRole("button", { name: /^Framing/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await framing(page).getByRole("combobox", { name: "Framing" }).selectOption({ label: choice });
  return composer(page);
}

/** The window as it is, then a tall one so the whole framing section fits, in both themes. */
async function shots(page: Page, name: string, target: Locator): Promise<void> {
  const size = page.viewportSize();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    await page.setViewportSize({ width: 1280, height: 1800 });
    await target.screenshot({ path: `${SHOTS}/${name}-section-${scheme}.png` });
    if (size) await page.setViewportSize(size);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe("framing: chunks as they arrived beside what each recv() returned and the frames decoded from them", () => {
  test("a 70 KB u32be message cut into four writes arrives in pieces and is reassembled into one frame", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s5");
    await decodeWith(page, "u32 big-endian (network byte order)");
    await expect(framing(page).getByRole("button", { name: /^Framing/ })).toContainText("decoding as u32be");
    await expect(framing(page)).toContainText("Nothing has arrived since this framing was chosen.");

    await selectSocket(page, "s4");
    const form = await openFraming(page, "u32 big-endian (network byte order)");
    await form.getByRole("combobox", { name: "As" }).selectOption("generated");
    await form.getByRole("textbox", { name: "Size (B)" }).fill("70000");
    await form.getByRole("radio", { name: "cut one frame into several writes" }).check();
    await form.getByRole("textbox", { name: "writes" }).fill("4");
    await form.getByRole("textbox", { name: "ms apart" }).fill("1000");
    await expect(form).toContainText("msg = (b'abcdefghijklmnopqrstuvwxyz' * 2693)[:70000]; frame = struct.pack('!I', len(msg)) + msg");
    await expect(form).toContainText("time.sleep(1); s4.sendall(frame[52503:70004])");
    await form.getByRole("button", { name: "Send" }).click();

    // While the pieces arrive, the receiver holds an unfinished frame whose header already says how long it will be.
    await selectSocket(page, "s5");
    await expect(frames(page).first()).toHaveAccessibleName(/^unfinished frame: \d+ of 70004 B so far, (in 1 chunk|spans [23] chunks)$/);
    await shots(page, "framing-70k-arriving", framing(page));
    await expect(frames(page).first()).toHaveAccessibleName(/^frame 1: 70000 B/, { timeout: 6000 });
    await expect(frames(page)).toHaveCount(1);
    await expect(frames(page).first()).toHaveAccessibleName(/^frame 1: 70000 B, spans \d+ chunks$/);
    expect(await chunks(page).count()).toBeGreaterThanOrEqual(4);
    await expect(frames(page).first()).toContainText("00 01 11 70 = 70000 in network byte order (big-endian); read little-endian it is 1880162560");
    await shots(page, "framing-70k", framing(page));
  });

  test("three frames in one write arrive as one chunk holding three frames", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s5");
    await decodeWith(page, "delimiter \\n");
    await selectSocket(page, "s4");
    const form = await openFraming(page, "delimiter \\n");
    await form.getByRole("radio", { name: "several frames in one write" }).check();
    await expect(form).toContainText("s4.sendall(frame * 3)");
    await form.getByRole("button", { name: "Send" }).click();

    await selectSocket(page, "s5");
    await expect(frames(page)).toHaveCount(3);
    await expect(chunks(page)).toHaveCount(1);
    await expect(chunks(page).first()).toHaveAccessibleName(/^chunk of 18 B/);
    for (let n = 1; n <= 3; n++) await expect(frames(page).nth(n - 1)).toHaveAccessibleName(`frame ${n}: 5 B, in 1 chunk`);
    await shots(page, "framing-coalesced", framing(page));
  });

  test("two sends arrive as two chunks and one recv() returns both: the reads column shows what the program saw", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s5");
    await decodeWith(page, "delimiter \\n");
    await selectSocket(page, "s4");
    await runOp(page, "send", (form) => form.getByLabel("Data").fill("one\\n"));
    await expect(python(page).locator(".line").last()).toContainText("s4.send(b'one\\n')");
    await runOp(page, "send", (form) => form.getByLabel("Data").fill("two\\n"));
    await expect(python(page).locator(".line").last()).toContainText("s4.send(b'two\\n')");

    await selectSocket(page, "s5");
    await expect(frames(page)).toHaveCount(2);
    await expect(chunks(page)).toHaveCount(2);
    // Nothing has read them yet: both chunks wait in the receive queue.
    await expect(reads(page)).toHaveCount(1);
    await expect(reads(page).first()).toHaveAccessibleName("8 B still in the receive queue: no recv() has taken them yet");

    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("s5.recv(1024)");
    await expect(python(page).locator(".line").last()).toContainText("b'one\\ntwo\\n'");
    await expect(reads(page)).toHaveCount(1);
    await expect(reads(page).first()).toHaveAccessibleName("recv() returned 8 B, spans 2 chunks");
    await expect(chunks(page)).toHaveCount(2);
    await shots(page, "framing-one-recv-two-chunks", framing(page));
  });

  test("u32le on the receiver while the sender writes u32be: FRAME_TOO_LARGE, and why", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s5");
    await decodeWith(page, "u32 little-endian");
    await selectSocket(page, "s4");
    const form = await openFraming(page, "u32 big-endian (network byte order)");
    await expect(form).toContainText("msg = b'hello'");
    await expect(form).toContainText("s4.sendall(struct.pack('!I', len(msg)) + msg)");
    await form.getByRole("button", { name: "Send" }).click();

    await selectSocket(page, "s5");
    const alert = framing(page).getByRole("alert");
    await expect(alert).toContainText("FramingError [FRAME_TOO_LARGE]");
    await expect(alert).toContainText("declared frame of 83886080 bytes exceeds the limit of 16777216 bytes");
    await expect(alert).toContainText("The header bytes 00 00 00 05 read little-endian say 83886080; in network byte order they say 5.");
    await expect(alert).toContainText("choose u32be here");
    await expect(framing(page).getByRole("button", { name: /^Framing/ })).toContainText("stopped at a framing error");
    await expect(frames(page).first()).toHaveAccessibleName("9 B not decoded: the Lab stopped at the error, in 1 chunk");
    await shots(page, "framing-le-mismatch", framing(page));
  });
});
