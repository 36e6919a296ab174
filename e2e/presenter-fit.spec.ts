import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";


/** What of the step a class cannot read: text cut at the side, or a step taller than its area that the keyboard cannot scroll to the end. */
async function unreadable(page: Page, step: Locator): Promise<string[]> {
  const clipped = await step.evaluate((root) => {
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>("p, code, span, button, li"))) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") out.push(`cut at the side: ${el.textContent ?? ""}`);
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > window.innerWidth + 1) out.push(`beyond the screen: ${el.textContent ?? ""}`);
    }
    return out;
  });
  const tall = await step.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  if (tall) {
    // Scrolls with ↑ ↓ (Space and ←/→ step the lesson): ↓ until the end is in view, then ↑ back to the top.
    for (let i = 0; i < 40 && (await step.evaluate((el) => el.scrollTop + el.clientHeight < el.scrollHeight - 1)); i++) await page.keyboard.press("ArrowDown");
    if (await step.evaluate((el) => el.scrollTop + el.clientHeight < el.scrollHeight - 1)) clipped.push("taller than its area and ↓ does not reach the end");
    for (let i = 0; i < 40 && (await step.evaluate((el) => el.scrollTop > 0)); i++) await page.keyboard.press("ArrowUp");
  }
  return clipped;
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
])
test(`presenter mode at ${size.width}×${size.height}: every step of every built-in lesson can be read (wrapped, or scrolled by keyboard)`, async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(size);
  await page.getByRole("button", { name: "Lessons", exact: true }).click();
  const strip = page.getByRole("region", { name: "Lesson player" });
  const picker = strip.getByRole("combobox", { name: "Lesson" });
  // The built-in lessons come from the Lab: wait for them before reading the list.
  await expect.poll(() => picker.locator("option").count()).toBeGreaterThanOrEqual(6);
  const lessons = (await picker.locator("option").evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })))).filter((o) => o.value !== "");
  expect(lessons.length).toBeGreaterThanOrEqual(5);
  const problems: string[] = [];
  for (const lesson of lessons) {
    await picker.selectOption(lesson.value);
    await strip.getByRole("button", { name: "Presenter mode" }).click();
    const show = page.getByRole("dialog", { name: "Presenter mode" });
    const counter = show.locator(".step-count");
    const step = show.getByRole("region", { name: /^The current step/ });
    const total = Number(/of (\d+)/.exec((await counter.textContent()) ?? "")?.[1]);
    expect(total, lesson.label).toBeGreaterThan(0);
    for (let n = 1; n <= total; n++) {
      await page.keyboard.press("Space");
      await expect(counter).toHaveText(`Step ${n} of ${total}`);
      await expect(show.getByLabel("Python", { exact: true })).toBeVisible();
      for (const p of await unreadable(page, step)) problems.push(`${lesson.label}, step ${n}: ${p}`);
    }
    if (lesson === lessons[0]) await page.screenshot({ path: `/tmp/shots-ui/presenter-${size.width}-last-step.png` });
    await page.keyboard.press("Escape");
    await expect(show).toBeHidden();
  }
  expect(problems).toEqual([]);
});
