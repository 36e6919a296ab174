import { test as base } from "@playwright/test";
import { serveLab, type ServedLab } from "./serve";

/** Each test gets its own real `socket-lab serve` (its own Lab) and a page already open on it. */
export const test = base.extend<{ lab: ServedLab }>({
  lab: [
    async ({ page }, use) => {
      const lab = await serveLab();
      await page.goto(lab.url);
      await use(lab);
      await lab.stop();
    },
    { auto: true },
  ],
});

export { expect } from "@playwright/test";
