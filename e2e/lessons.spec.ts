import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const SHOTS = "test-results/screenshots";

const player = (page: Page, name = "Lesson player") => page.getByRole("region", { name });
const presenter = (page: Page, name = "Presenter mode") => page.getByRole("dialog", { name });
const sockets = (page: Page) => page.getByRole("listbox", { name: /^(Sockets|套接字)$/ });

/** Presses a key and waits for the step counter to read `counter`: one key, one step. */
async function press(page: Page, key: string, counter: Locator, expected: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(counter).toHaveText(expected);
}

/** The digit shown beside the choice that reads `text`, as presenter mode answers with keys 1–4. */
async function choiceKey(scope: Locator, text: string): Promise<string> {
  const button = scope.getByRole("group", { name: "What will happen?" }).getByRole("button").filter({ hasText: text });
  return (await button.locator(".key").textContent()) ?? "";
}

test.describe("lessons: the player, predict, presenter mode and files", () => {
  test("the broadcast lesson in Chinese, in the player and in presenter mode from the keyboard", async ({ page }) => {
    await page.getByRole("button", { name: "Language" }).click();
    await page.getByRole("button", { name: "课程", exact: true }).click();
    const strip = player(page, "课程播放器");
    await strip.getByRole("combobox", { name: "课程" }).selectOption({ label: "广播数据：一个 UDP 数据报，所有接收方都来应答" });
    const counter = strip.locator(".step-count");
    await expect(counter).toHaveText("第 0 步，共 24 步");
    await expect(strip).toContainText("共 24 步。按“下一步”运行第一步");

    await strip.getByRole("button", { name: "下一步" }).click();
    await expect(counter).toHaveText("第 1 步，共 24 步");
    await expect(strip).toContainText("广播得用 UDP，因为 TCP 永远是一对一通信。");
    await expect(strip.getByLabel("Python", { exact: true })).toHaveText(">>> rx1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
    await expect(strip.getByLabel("结果", { exact: true })).toHaveText("None");
    await expect(sockets(page).getByRole("option")).toHaveCount(1);

    for (let n = 2; n <= 12; n++) {
      await strip.getByRole("button", { name: "下一步" }).click();
      await expect(counter).toHaveText(`第 ${n} 步，共 24 步`);
    }
    await expect(strip.getByLabel("Python", { exact: true })).toHaveText(">>> tx.sendto(b'Hi there!', ('127.255.255.255', rx1.getsockname()[1]))");
    await expect(strip.getByLabel("结果", { exact: true })).toHaveText("PermissionError: [Errno 13] Permission denied");
    await expect(strip).toContainText("没有设置 SO_BROADCAST 时，内核在发送之前就拒绝了");
    // The live views follow: rx1, rx2, local and tx are the Lab's sockets 3 to 6.
    await expect(sockets(page).getByRole("option")).toHaveCount(4);
    await page.screenshot({ path: `${SHOTS}/lesson-broadcast-zh-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/lesson-broadcast-zh-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    // A projector's screen.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await strip.getByRole("button", { name: "演示模式" }).click();
    const show = presenter(page, "演示模式");
    await expect(show).toBeVisible();
    const big = show.locator(".step-count");
    await press(page, "Space", big, "第 13 步，共 24 步");
    await press(page, "ArrowRight", big, "第 14 步，共 24 步");
    await expect(show.getByLabel("结果", { exact: true })).toHaveText("9");
    // Back re-runs the lesson from its start up to the previous step.
    await press(page, "ArrowLeft", big, "第 13 步，共 24 步");
    await expect(show.getByLabel("Python", { exact: true })).toHaveText(">>> tx.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)");
    const step = (n: number) => press(page, n % 2 ? "Space" : "ArrowRight", big, `第 ${n} 步，共 24 步`);
    for (let n = 14; n <= 16; n++) await step(n);
    // The receiver keeps the address recvfrom returned and answers it, as the tutorial's `mes, addr = S.recvfrom(8192)`.
    await expect(show.getByLabel("Python", { exact: true })).toHaveText(">>> data, rx1_from = rx1.recvfrom(8192); (data, rx1_from)");
    await expect(show.getByLabel("结果", { exact: true })).toHaveText(/^\(b'Hi there!', \('127\.0\.0\.1', \d+\)\)$/);
    await page.screenshot({ path: `${SHOTS}/presenter-broadcast-recvfrom-zh-light.png` });
    await step(17);
    await expect(show.getByLabel("Python", { exact: true })).toHaveText(">>> rx1.sendto(b'ACK', rx1_from)");
    await expect(show.getByLabel("结果", { exact: true })).toHaveText("3");
    for (let n = 18; n <= 24; n++) await step(n);
    await expect(show.getByLabel("结果", { exact: true })).toHaveText(/^\(b'ACK', \('127\.0\.0\.1', \d+\)\)$/);
    await expect(show).toContainText("课程结束");
    const chart = show.getByRole("img", { name: /^rx1, rx2, local, tx 之间的消息时序/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator(".seq-message").filter({ hasText: "Hi there!" })).toHaveCount(1);
    await expect(chart.locator(".seq-message").filter({ hasText: "ACK" })).toHaveCount(2);
    await page.screenshot({ path: `${SHOTS}/presenter-broadcast-zh-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/presenter-broadcast-zh-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    await page.keyboard.press("Escape");
    await expect(show).toBeHidden();
    await expect(counter).toHaveText("第 24 步，共 24 步");
  });

  test("half-open in English: predict before each expected result, in the player and in presenter mode", async ({ page }) => {
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const strip = player(page);
    await strip.getByRole("combobox", { name: "Lesson" }).selectOption({ label: "Half-open sockets: shutdown() closes one direction at a time" });
    const counter = strip.locator(".step-count");
    for (let n = 1; n <= 8; n++) {
      await strip.getByRole("button", { name: "Next step" }).click();
      await expect(counter).toHaveText(`Step ${n} of 29`);
    }
    await expect(strip.getByLabel("Python", { exact: true })).toHaveText(">>> cli.shutdown(socket.SHUT_WR)");
    // The socket list calls the lesson's sockets by the names its code uses.
    await expect(page.getByRole("listbox", { name: "Sockets" }).locator(".alias")).toHaveText(["srv", "conn", "cli"]);

    await strip.getByRole("checkbox", { name: "Predict" }).check();
    await strip.getByRole("button", { name: "Next step" }).click();
    await expect(counter).toHaveText("Step 9 of 29");
    await expect(strip.getByLabel("Python", { exact: true })).toHaveText(">>> conn.recv(1024)");
    await expect(strip.getByLabel("Result", { exact: true })).toHaveCount(0);
    const choices = strip.getByRole("group", { name: "What will happen?" }).getByRole("button");
    await expect(choices.filter({ hasText: "returns b'request'" })).toHaveCount(1);
    await expect(choices.filter({ hasText: "waits: the call blocks" })).toHaveCount(1);
    // The narration would give the answer away: it waits for the prediction.
    await expect(strip.locator(".narration")).toHaveText("The explanation follows your answer.");
    await page.screenshot({ path: `${SHOTS}/lesson-predict-light.png` });
    await choices.filter({ hasText: "returns b'request'" }).click();
    await expect(strip.getByLabel("Result", { exact: true })).toHaveText("b'request'");
    await expect(strip.locator(".narration")).not.toHaveText("The explanation follows your answer.");
    await expect(strip.getByRole("status").filter({ hasText: "Right: it returns b'request'." })).toBeVisible();

    await page.setViewportSize({ width: 1920, height: 1080 });
    await strip.getByRole("button", { name: "Presenter mode" }).click();
    const show = presenter(page);
    const big = show.locator(".step-count");
    // Predict is on and step 10 expects b'': the class answers with its key.
    await press(page, "Space", big, "Step 10 of 29");
    await expect(show.getByRole("group", { name: "What will happen?" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/presenter-predict-light.png` });
    await page.keyboard.press(await choiceKey(show, "returns b''"));
    await expect(show.getByLabel("Result", { exact: true })).toHaveText("b''");
    await expect(show.getByRole("status")).toHaveText("Right: it returns b''.");

    // P turns predict off: the next steps run at once.
    await page.keyboard.press("p");
    await expect(show.getByRole("checkbox", { name: "Predict" })).not.toBeChecked();
    await press(page, "Space", big, "Step 11 of 29");
    await press(page, "ArrowRight", big, "Step 12 of 29");
    await expect(show.getByLabel("Result", { exact: true })).toHaveText("b'reply'");
    await press(page, "Space", big, "Step 13 of 29");
    await expect(show.getByLabel("Python", { exact: true })).toHaveText(">>> cli.send(b'more')");
    await expect(show.getByLabel("Result", { exact: true })).toHaveText("BrokenPipeError: [Errno 32] Broken pipe");

    const chart = show.getByRole("img", { name: /^Sequence of messages between srv, cli, conn/ });
    await expect(chart.locator(".seq-name")).toHaveText(["srv", "cli", "conn"]);
    await expect(chart.locator(".seq-message").filter({ hasText: "request" })).toHaveCount(1);
    await expect(chart.locator(".seq-message.fin")).toHaveCount(1);
    await expect(chart.locator(".seq-mark.error")).toHaveText(["EPIPE"]);
    await page.screenshot({ path: `${SHOTS}/presenter-half-open-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/presenter-half-open-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    await page.keyboard.press("Escape");
    await expect(show).toBeHidden();

    // The lesson as a Python program, and as a scenario file.
    const exported = page.waitForEvent("download");
    await strip.getByRole("button", { name: "Export as Python" }).click();
    const program = await exported;
    expect(program.suggestedFilename()).toBe("half-open.py");
    const source = await readFile((await program.path())!, "utf8");
    expect(source).toContain("import socket");
    expect(source).toContain("cli.shutdown(socket.SHUT_WR)");

    const saved = page.waitForEvent("download");
    await strip.getByRole("button", { name: "Save scenario" }).click();
    const file = JSON.parse(await readFile((await (await saved).path())!, "utf8")) as { name: string; steps: unknown[] };
    expect(file.name).toBe("half-open");
    expect(file.steps).toHaveLength(29);
  });

  test("a YAML scenario opened from the Scenario menu plays in the player; a broken one says where it is wrong", async ({ page }) => {
    const yaml = [
      "name: udp-echo",
      "steps:",
      "  - {op: socket, as: a, type: SOCK_DGRAM}",
      "  - {op: bind, sock: a, address: ['127.0.0.1', 0]}",
      "  - {op: socket, as: b, type: SOCK_DGRAM}",
      "  - {op: sendto, sock: b, data: ping, address: ['127.0.0.1', '$a.port'], expect: {value: 4}}",
      "  - {op: recvfrom, sock: a, bufsize: 100}",
    ].join("\n");
    await page.getByRole("button", { name: /^Scenario, \d+ steps recorded$/ }).click();
    await page.getByRole("dialog", { name: "Scenario" }).getByLabel("Scenario file (JSON or YAML)").setInputFiles({ name: "udp-echo.yaml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
    const strip = player(page);
    await expect(strip.getByRole("combobox", { name: "Lesson" })).toHaveValue("file:");
    await expect(strip.locator(".step-count")).toHaveText("Step 0 of 5");
    await strip.getByRole("button", { name: "Run all" }).click();
    await expect(strip.locator(".step-count")).toHaveText("Step 5 of 5");
    await expect(strip.getByLabel("Result", { exact: true })).toHaveText(/^\(b'ping', \('127\.0\.0\.1', \d+\)\)$/);

    await strip.getByLabel("Scenario file (JSON or YAML)").setInputFiles({ name: "bad.yaml", mimeType: "text/yaml", buffer: Buffer.from("name: bad\nsteps:\n  - {op: bind, sock: a, address: ['x', 99999]}\n") });
    await expect(strip.getByRole("alert")).toContainText("bad.yaml: step 1 (bind): address.1: expected a port number from 0 to 65535");
  });
});
