import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** What the specs share: the socket views' locators and the action-bar steps a person takes. */

export const SHOTS = "test-results/screenshots";

export const sockets = (page: Page) => page.getByRole("listbox", { name: "Sockets" });
export const detail = (page: Page) => page.getByRole("region", { name: /^fd \d+$/ });
export const python = (page: Page) => page.getByRole("log", { name: "Python" });

/** Creates a bare socket through the header's socket() dialog; it becomes the selected socket. */
export async function newSocket(page: Page, type: "SOCK_STREAM" | "SOCK_DGRAM" = "SOCK_STREAM"): Promise<void> {
  await page.getByRole("button", { name: "socket()" }).click();
  const dialog = page.getByRole("dialog", { name: "New socket()" });
  await dialog.getByLabel("Type").selectOption(type);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
}

export async function selectSocket(page: Page, name: string): Promise<void> {
  await sockets(page)
    .getByRole("option")
    .filter({ hasText: new RegExp(`^${name} `) })
    .click();
  await expect(detail(page)).toContainText(name);
}

/** Opens an operation's form from the action bar; `fill` sets its fields before Run. */
export async function runOp(page: Page, op: string, fill?: (form: Locator) => Promise<void>): Promise<Locator> {
  const form = page.getByRole("form", { name: op });
  if (!(await form.isVisible())) await page.getByRole("toolbar").getByRole("button", { name: op, exact: true }).click();
  await fill?.(form);
  await form.getByRole("button", { name: "Run" }).click();
  return form;
}

/** The tutorial's set-up, all through the action bar: s3 listens, s4 connects, s5 is the accepted connection. */
export async function connectedPair(page: Page): Promise<void> {
  await newSocket(page);
  await runOp(page, "bind");
  await runOp(page, "listen");
  await newSocket(page);
  await runOp(page, "connect");
  await expect(detail(page)).toContainText("ESTABLISHED");
  await selectSocket(page, "s3");
  await runOp(page, "accept");
  await expect(sockets(page).getByRole("option")).toHaveCount(3);
}
