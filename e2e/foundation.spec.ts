import { expect, test } from "./fixtures";

test.describe("foundation: a listener, a client, and bytes between them", () => {
  test("create a TCP listener and a client through the UI, send hello, see it arrive in the log", async ({ page, lab }) => {
    await expect(page).toHaveTitle("Socket Lab");
    await page.getByRole("button", { name: "+ TCP server" }).click();
    const serverForm = page.getByRole("dialog", { name: "New TCP server" });
    await serverForm.getByLabel("Port").fill("0");
    await serverForm.getByRole("button", { name: "Listen" }).click();
    const sockets = page.getByRole("listbox", { name: "Sockets" });
    await expect(sockets.getByRole("option")).toHaveCount(1);
    await expect(sockets.getByRole("option").first()).toContainText("LISTEN");

    await page.getByRole("button", { name: "+ TCP client" }).click();
    await page.getByRole("dialog", { name: "New TCP client" }).getByRole("button", { name: "Connect" }).click();
    await expect(sockets.getByRole("option")).toHaveCount(3);
    await expect(sockets.getByRole("option", { selected: true })).toContainText("ESTABLISHED");

    await page.getByRole("toolbar").getByRole("button", { name: "send", exact: true }).click();
    const send = page.getByRole("form", { name: "send" });
    await send.getByLabel("Data").fill("hello");
    await send.getByRole("button", { name: "Run" }).click();
    const log = page.getByRole("region", { name: "Log" });
    // One row for the bytes leaving the client, one for them arriving at the accepted socket.
    await expect(log.getByRole("row").filter({ hasText: "hello" })).toHaveCount(2);
    await expect(log.getByRole("row").filter({ hasText: "hello" }).filter({ hasText: "←" })).toHaveCount(1);
    await expect(page.getByRole("log", { name: "Python" })).toContainText(".send(b'hello')");
    expect(lab.output()).not.toContain("Error");
    await page.screenshot({ path: "test-results/screenshots/foundation-en.png" });
  });

  test("switching language shows Chinese labels, and the choice is remembered", async ({ page }) => {
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("button", { name: "+ TCP 服务器" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "套接字" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.reload();
    await expect(page.getByRole("button", { name: "+ TCP 客户端" })).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/foundation-zh.png" });
  });

  test("a failed action says why, as Python would", async ({ page }) => {
    await page.getByRole("button", { name: "+ TCP client" }).click();
    const form = page.getByRole("dialog", { name: "New TCP client" });
    await form.getByLabel("Port").fill("1");
    await form.getByRole("button", { name: "Connect" }).click();
    await expect(page.getByRole("alert")).toContainText("ConnectionRefusedError: [Errno 111] Connection refused");
  });

  test("the header's theme toggle overrides the system and is remembered; Ctrl+K jumps to the log filter; the console copies as a REPL transcript", async ({ page, context }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const theme = page.getByRole("button", { name: /^Theme: / });
    await expect(theme).toHaveAccessibleName("Theme: follows the system (click to change)");
    const light = await background();
    await theme.click();
    await expect(theme).toHaveAccessibleName("Theme: light (click to change)");
    await theme.click();
    await expect(theme).toHaveAccessibleName("Theme: dark (click to change)");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).not.toBe(light);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.screenshot({ path: "test-results/screenshots/theme-dark-forced.png" });
    await page.getByRole("button", { name: /^Theme: / }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    expect(await background()).toBe(light);

    await page.keyboard.press("Control+k");
    await expect(page.getByRole("search").getByLabel("Expression")).toBeFocused();

    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "socket()" }).click();
    await page.getByRole("dialog", { name: "New socket()" }).getByRole("button", { name: "Create" }).click();
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied the console to the clipboard." })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(">>> s3 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
  });

  test("the page without its token explains how to get in", async ({ page, lab }) => {
    await page.goto(lab.origin);
    await expect(page.getByRole("status").filter({ hasText: "socket-lab serve" })).toContainText("open the URL that socket-lab serve printed");
  });
});

test("the built page carries a strict CSP, in its header and in the page itself", async ({ page, lab }) => {
  const response = await page.request.get(lab.url);
  const header = response.headers()["content-security-policy"] ?? "";
  expect(header).toContain("script-src 'self'");
  expect(header).not.toMatch(/unsafe-(eval|inline)/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(meta).toContain("default-src 'self'");
  expect(meta).not.toMatch(/unsafe-(eval|inline)/);
  // An injected inline script is refused by the policy, not just discouraged.
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.injected = 'yes'";
    document.head.append(script);
    return document.body.dataset.injected ?? "refused";
  });
  expect(ran).toBe("refused");
});
