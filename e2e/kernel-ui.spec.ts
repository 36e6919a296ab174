import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { serveLab } from "./serve";
import { connectedPair, detail, newSocket, runOp, selectSocket, SHOTS, sockets } from "./steps";

/*
 * The kernel engine as a person sees it: the header says which engine runs,
 * the socket detail shows the kernel's own state (Linux's names) on the TCP
 * state machine with the states the socket went through, tcp_info's numbers
 * explained, and the log says where an arriving datagram went and on which
 * interface. Loopback only: the broadcast goes to 127.255.255.255.
 */

const kernelPanel = (page: Page) => detail(page).getByRole("region", { name: "Kernel" });
const history = (page: Page) => detail(page).getByRole("list", { name: "Kernel state history" });
const logGrid = (page: Page) => page.getByRole("region", { name: "Log" }).getByRole("grid", { name: "Log entries" });

test.describe("the kernel's view in the UI", () => {
  test("the header says the kernel engine runs; its explanation shows on keyboard focus and Escape hides it", async ({ page }) => {
    const badge = page.getByRole("banner").getByRole("button", { name: "Engine: kernel" });
    await expect(badge).toHaveText("kernel");
    await expect(badge).toHaveAccessibleDescription("Kernel engine: every socket is a real Linux kernel socket; what you see is what the kernel answers.");
    const tip = page.getByRole("tooltip");
    await expect(tip).toBeHidden();
    await badge.focus();
    await expect(tip).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(tip).toBeHidden();
    // Pinned for a class: it stays when the pointer and the focus go elsewhere.
    await page.keyboard.press("Enter");
    await expect(badge).toHaveAttribute("aria-expanded", "true");
    await page.mouse.move(640, 400);
    await expect(tip).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/kernel-header-en.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "引擎：kernel" })).toHaveAccessibleDescription(/每个套接字都是真实的 Linux 内核套接字/);
    await page.screenshot({ path: `${SHOTS}/kernel-header-zh.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
  });

  test("the header says when the portable engine runs, and why the kernel one could not", async ({ page }) => {
    // The machines here run the kernel engine: the page is told otherwise, in the snapshot's own words, on its way in.
    const reason = "koffi could not load libc.so.6 (a test's stand-in reason)";
    await page.routeWebSocket(/\/lab\b/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { reply?: { ok: boolean; result?: { engine?: unknown; sockets?: { kernel: unknown }[] } } };
        const result = parsed.reply?.ok ? parsed.reply.result : undefined;
        if (result?.engine) {
          result.engine = { name: "portable", fallback: reason };
          for (const s of result.sockets ?? []) s.kernel = null;
        }
        ws.send(JSON.stringify(parsed));
      });
    });
    await page.reload();
    const badge = page.getByRole("banner").getByRole("button", { name: "Engine: portable" });
    await expect(badge).toHaveText("portable");
    await expect(badge).toHaveAccessibleDescription(`Portable engine: a model of Linux on Node's net and dgram, with known differences (no tcp_info, no urgent data, no interface of arrival). The kernel engine could not run here: ${reason}`);
    await badge.click();
    await expect(page.getByRole("tooltip")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/kernel-header-portable-en.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(page.getByRole("tooltip")).toContainText("内核引擎无法在这里运行");
    await page.screenshot({ path: `${SHOTS}/kernel-header-portable-zh.png`, clip: { x: 0, y: 0, width: 1280, height: 140 } });
  });

  test("on the portable engine the socket detail keeps the Lab's own state line and says the kernel view is not there", async ({ page }) => {
    const portable = await serveLab(["--engine", "portable"]);
    try {
      await page.goto(portable.url);
      await expect(page.getByRole("banner").getByRole("button", { name: "Engine: portable" })).toHaveAccessibleDescription(/^Portable engine: a model of Linux on Node/);
      await connectedPair(page);
      await selectSocket(page, "s4");
      // The model's states in Linux's names: a new socket is CLOSE, as on Linux.
      await expect(detail(page)).toContainText(/(CLOSE|SYN_SENT) → ESTABLISHED/);
      await expect(history(page)).toHaveCount(0);
      await expect(kernelPanel(page)).toHaveCount(0);
      await expect(detail(page)).toContainText("Kernel view: not available. The portable engine models Linux on Node and cannot ask the kernel.");
      await page.screenshot({ path: `${SHOTS}/kernel-portable-detail-en.png` });
    } finally {
      await portable.stop();
    }
  });

  test("SHUT_WR on one side of a TCP pair: the kernel panel says FIN_WAIT2 and the history shows the way there", async ({ page }) => {
    const badge = page.getByRole("banner").getByRole("button", { name: "Engine: kernel" });
    await expect(badge).toHaveText("kernel");

    await connectedPair(page);
    await selectSocket(page, "s4");
    await expect(kernelPanel(page).getByRole("button", { name: /^Kernel ESTABLISHED/ })).toBeVisible();
    await runOp(page, "shutdown", (form) => form.getByRole("radio", { name: /^SHUT_WR/ }).check());

    // FIN_WAIT2 once the peer's kernel acknowledged the FIN; FIN_WAIT1 in between when the Lab read it before that ACK.
    await expect(kernelPanel(page).getByRole("button", { name: /^Kernel FIN_WAIT2/ })).toBeVisible();
    await expect(history(page)).toHaveText(/ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2$/);
    await expect(detail(page).getByRole("img", { name: /^TCP state machine, Linux's names: now FIN_WAIT2; seen, in order: .*ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2$/ })).toBeVisible();
    await expect(kernelPanel(page)).toContainText(/rtt\s*\d+\.\d\d ± \d+\.\d\d ms/);
    await expect(kernelPanel(page)).toContainText("smoothed round-trip time ± its variation");
    await expect(kernelPanel(page)).toContainText(/ssthresh\s*(∞|\d+)/);

    // The peer's side: the kernel calls it CLOSE_WAIT too.
    await selectSocket(page, "s5");
    await expect(history(page)).toHaveText(/ESTABLISHED → CLOSE_WAIT$/);

    // The list and the log say the same names: a log row for each state the kernel reported.
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s4 / })).toContainText("FIN_WAIT2");
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s5 / })).toContainText("CLOSE_WAIT");
    const stateRows = (fd: number) =>
      logGrid(page)
        .getByRole("row")
        .filter({ has: page.getByRole("gridcell", { name: "state", exact: true }) })
        .evaluateAll((rows, fd) => rows.flatMap((row) => {
          const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? "");
          return cells[2] === String(fd) ? [cells.at(-1)] : [];
        }), fd);
    await expect.poll(() => stateRows(5)).toEqual(["ESTABLISHED → CLOSE_WAIT"]);
    // FIN_WAIT1 lasts the few ms the peer's kernel delays its ACK: read unless the machine kept the Lab from running.
    await expect.poll(async () => (await stateRows(4)).join(", ")).toMatch(/^(ESTABLISHED → FIN_WAIT1, FIN_WAIT1 → FIN_WAIT2|ESTABLISHED → FIN_WAIT2)$/);
    await page.screenshot({ path: `${SHOTS}/kernel-states-list-log-en.png` });

    // A listener's accept queue against its backlog: one more client, not accepted yet.
    await newSocket(page);
    await runOp(page, "connect");
    await selectSocket(page, "s3");
    await expect(kernelPanel(page)).toContainText("accept queue1 of 5 (backlog)");

    await selectSocket(page, "s4");
    await shootKernel(page, "en");
    await page.getByRole("button", { name: "Language" }).click();
    await expect(detail(page).getByRole("region", { name: "内核" })).toContainText("本端的 FIN 已被确认");
    await expect(detail(page).getByRole("list", { name: "内核状态历史" })).toHaveText(/ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2$/);
    await shootKernel(page, "zh");
  });

  test("a loopback broadcast is logged as a broadcast that came in on lo, to 127.255.255.255", async ({ page }) => {
    await page.getByRole("button", { name: "Broadcast", exact: true }).click();
    const bc = page.getByRole("region", { name: "Broadcast and multicast" });
    await bc.getByRole("radio", { name: "Use lo 127.0.0.1 as the source" }).check();
    await bc.getByRole("radio", { name: /^Subnet broadcast of lo: 127\.255\.255\.255/ }).check();
    const form = bc.getByRole("form", { name: "New receiver" });
    await form.getByLabel("Port").fill("0");
    await form.getByRole("button", { name: "Add receiver" }).click();
    const receiver = bc.getByRole("list", { name: "Receivers" }).getByRole("listitem", { name: "s3" });
    await expect(receiver).toContainText(/0\.0\.0\.0:\d+/);
    const port = /0\.0\.0\.0:(\d+)/.exec((await receiver.textContent()) ?? "")?.[1] ?? "";
    // The sender aims at the receiver's port once it knows it.
    await expect(bc.getByRole("textbox", { name: "Port" }).first()).toHaveValue(port);
    await expect(bc.getByRole("checkbox", { name: /SO_BROADCAST allow sending/ })).toBeChecked();
    await expect(bc.getByText(`>>> sock.sendto(b'Hi there!', ('127.255.255.255', ${port}))`)).toBeVisible();
    await bc.getByRole("button", { name: "Send", exact: true }).click();

    const arrived = logGrid(page)
      .getByRole("row")
      .filter({ has: page.getByRole("gridcell", { name: "←", exact: true }) })
      .filter({ hasText: "Hi there!" });
    await expect(arrived).toHaveCount(1);
    await expect(arrived.getByRole("gridcell").nth(4)).toHaveText("broadcast");
    await expect(arrived.getByRole("gridcell").nth(5)).toHaveText(new RegExp(`^lo127\\.0\\.0\\.1:\\d+ → 127\\.255\\.255\\.255:${port}$`));
    const to = `127\\.255\\.255\\.255:${port}`;
    await expect(arrived.getByRole("gridcell").nth(5)).toHaveAttribute("title", new RegExp(`^127\\.0\\.0\\.1:\\d+ → ${to}: sent to ${to} \\(broadcast\\), came in on lo$`));
    // The receiver's card says the same; the responders table says where its answer came in (by unicast, on lo).
    await expect(bc.getByRole("list", { name: "Receivers" })).toContainText(/arrived → 127\.255\.255\.255:\d+ \(broadcast\) on lo/);
    const responder = bc.getByRole("table", { name: "Responders" }).getByRole("row").filter({ hasText: "ACK" });
    await expect(responder).toContainText(/→ 127\.0\.0\.1:\d+ \(unicast\) on lo/);
    // By its class: the zh shots below find it under its Chinese name otherwise.
    const card = page.locator(".bc-responders");
    await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await card.screenshot({ path: `${SHOTS}/kernel-broadcast-responders-en.png` });

    await arrived.click();
    const entry = page.locator(".entry-summary");
    await expect(entry).toContainText(/Arrived→ 127\.255\.255\.255:\d+ \(broadcast\) on lo/);
    // The detail pane is short at 1280×800: its "Arrived" line is scrolled to for each shot.
    const arrivedLine = entry.locator(".wide").filter({ hasText: /^(Arrived|到达)→/ });
    await arrivedLine.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: `${SHOTS}/kernel-broadcast-log-en.png` });
    await page.getByRole("button", { name: "Language" }).click();
    await expect(entry).toContainText(/到达→ 127\.255\.255\.255:\d+（广播），经 lo/);
    await arrivedLine.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: `${SHOTS}/kernel-broadcast-log-zh.png` });
    await card.screenshot({ path: `${SHOTS}/kernel-broadcast-responders-zh.png` });
  });
});

/** The state line, the state machine and tcp_info's numbers, in one language, at 1280×800 (the machine at 1024×768 too). */
async function shootKernel(page: Page, lang: "en" | "zh"): Promise<void> {
  const body = detail(page).locator(".detail-body");
  await body.evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/kernel-detail-top-${lang}.png` });
  const machine = detail(page).locator(".state-machine");
  const show = (target: typeof machine) => target.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await show(machine);
  await page.screenshot({ path: `${SHOTS}/kernel-state-machine-${lang}.png` });
  await show(detail(page).locator(".kmetrics"));
  await page.screenshot({ path: `${SHOTS}/kernel-panel-${lang}.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
  await show(machine);
  await page.screenshot({ path: `${SHOTS}/kernel-state-machine-${lang}-1024.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}
