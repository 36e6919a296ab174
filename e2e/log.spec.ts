import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const SHOTS = "test-results/screenshots";

type Reply = { ok: true; result: unknown } | { ok: false; error: { type: string; message: string } };

declare global {
  interface Window {
    __lab?: { call(name: string, input: unknown): Promise<Reply> };
  }
}

/**
 * The page's own WebSocket to its Lab, opened as the renderer opens it, so a
 * test can set sockets up with a few commands instead of clicking through
 * forms that other specs test. Everything it does reaches the log as events.
 */
const PAGE_CLIENT = `(async () => {
  if (window.__lab) return;
  const token = new URLSearchParams(location.search).get("token") || "";
  const ws = new WebSocket("ws://" + location.host + "/lab?token=" + encodeURIComponent(token));
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error("no WebSocket to the lab")); });
  let nextId = 1;
  const pending = new Map();
  ws.onmessage = (message) => {
    const msg = JSON.parse(message.data);
    if (msg.kind === "reply") { pending.get(msg.id)?.(msg.reply); pending.delete(msg.id); }
    // A client that never acknowledges fills its window, and then each reply waits for a batch to expire (2 s).
    else ws.send(JSON.stringify({ ack: msg.batch.id }));
  };
  window.__lab = { call: (name, input) => new Promise((resolve) => { const id = nextId++; pending.set(id, resolve); ws.send(JSON.stringify({ id, name, input })); }) };
})()`;

async function call<T = unknown>(page: Page, name: string, input: unknown): Promise<T> {
  await page.evaluate(PAGE_CLIENT);
  const reply = await page.evaluate(([n, i]) => window.__lab!.call(n as string, i), [name, input] as const);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.type}: ${reply.error.message}`);
  return reply.result as T;
}

/** A listener, a client connected to it and the accepted connection. */
async function tcpPair(page: Page): Promise<{ server: number; client: number; conn: number; port: number }> {
  const { fd: server } = await call<{ fd: number }>(page, "socket", {});
  await call(page, "bind", { fd: server, address: ["127.0.0.1", 0] });
  await call(page, "listen", { fd: server, backlog: 5 });
  const [, port] = await call<[string, number]>(page, "getsockname", { fd: server });
  const { fd: client } = await call<{ fd: number }>(page, "socket", {});
  await call(page, "connect", { fd: client, address: ["127.0.0.1", port] });
  const { fd: conn } = await call<{ fd: number }>(page, "accept", { fd: server });
  return { server, client, conn, port };
}

const logPanel = (page: Page) => page.getByRole("region", { name: "Log" });
const grid = (page: Page) => logPanel(page).getByRole("grid", { name: "Log entries" });
const rows = (page: Page) => grid(page).getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
/** The row for bytes sent (→ in the direction column; the route column has arrows too). */
const sentRow = (page: Page, text: string) => rows(page).filter({ hasText: text }).filter({ has: page.getByRole("gridcell", { name: "→", exact: true }) });
const filterBar = (page: Page) => logPanel(page).getByRole("search", { name: "Filter the log" });

async function shoot(page: Page, name: string, target?: Locator): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await (target ?? page).screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe("the packet log", () => {
  test("filters by socket, direction, kind, text, hex and expression; a broken expression says where and why", async ({ page }) => {
    const { client, conn } = await tcpPair(page);
    await call(page, "send", { fd: client, data: "hello" });
    await call(page, "send", { fd: client, data: "GET / HTTP/1.1\r\n\r\n" });
    await call(page, "send", { fd: conn, data: "world" });
    await expect(rows(page).filter({ hasText: "world" })).toHaveCount(2);

    const bar = filterBar(page);
    await bar.getByLabel("Direction").selectOption("in");
    await expect(rows(page)).toHaveCount(3);
    for (const text of ["hello", "GET", "world"]) await expect(rows(page).filter({ hasText: text }).filter({ hasText: "←" })).toHaveCount(1);
    await expect(logPanel(page)).toContainText(/3 of \d+ entries/);

    await bar.getByRole("button", { name: "Clear filters" }).click();
    await bar.getByLabel("Expression").fill(`fd == ${conn} && kind == data && len > 10`);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("GET / HTTP/1.1\\r\\n\\r\\n");

    await bar.getByLabel("Expression").fill("");
    await bar.getByLabel("Socket").selectOption(String(client));
    await bar.getByLabel("Kind").selectOption("data");
    await expect(rows(page)).toHaveCount(3);
    await bar.getByRole("button", { name: "Clear filters" }).click();

    await bar.getByLabel("Search").fill("WORLD");
    await expect(rows(page)).toHaveCount(2);
    await bar.getByRole("checkbox", { name: "hex" }).check();
    await bar.getByLabel("Search").fill("0d 0a 0d 0a");
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).first()).toContainText("GET");
    await bar.getByRole("button", { name: "Clear filters" }).click();

    await bar.getByLabel("Expression").fill("kind == data && len >");
    const problem = bar.getByRole("alert");
    await expect(problem).toContainText("Column 22: expected a value to compare with, found the end.");
    await expect(bar.getByLabel("Expression")).toHaveAttribute("aria-invalid", "true");
    await bar.getByLabel("Expression").fill("kind == dtaa || fd == 3");
    await expect(problem).toContainText("Column 9: this field takes one of: socket, accept");
    // The rest of the filter bar still works while the expression is broken.
    await expect(rows(page).first()).toBeVisible();
    await shoot(page, "log-filter-error", logPanel(page));

    await bar.getByLabel("Expression").fill(`kind == data || kind == fin`);
    await expect(problem).toBeHidden();
    await shoot(page, "log-list");

    // Colouring rules are filter expressions too; a new rule paints the rows it matches.
    await bar.getByLabel("Expression").fill("");
    await logPanel(page).getByRole("button", { name: "Colours" }).click();
    const colours = logPanel(page).getByRole("dialog", { name: "Row colours" });
    await colours.getByRole("button", { name: "Add rule" }).click();
    const rule = colours.getByRole("listitem").last();
    await rule.getByRole("textbox").fill("text contains GET");
    await rule.getByRole("combobox").selectOption("violet");
    await expect(sentRow(page, "GET")).toHaveClass(/tone-violet/);
    await rule.getByRole("textbox").fill("text contains");
    await expect(rule).toContainText("expected a value to compare with");
    await shoot(page, "log-colours");
    await colours.getByRole("button", { name: "Restore defaults" }).click();
    await colours.getByRole("button", { name: "Done" }).click();
  });

  test("the detail pane shows hex and text, copies as hex, Python bytes and text; the keyboard moves the selection", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { client } = await tcpPair(page);
    await call(page, "send", { fd: client, data: { hex: "6869007468657265fe0a" } });
    const row = sentRow(page, "hi\\x00there\\xfe\\n");
    await row.click();
    await expect(row).toHaveAttribute("aria-selected", "true");

    const side = logPanel(page).getByRole("complementary", { name: "Entry and composer" });
    // The side pane is narrow: 8 bytes a line, every byte and its ASCII column in view (16 a line cut it after 12).
    const dump = side.getByLabel("Hex dump");
    await expect(dump).toContainText("0000  68 69 00 74 68 65 72 65  hi.there");
    await expect(dump).toContainText("0008  fe 0a");
    await expect(dump.locator(".hex-ascii")).toHaveText(["hi.there", ".."]);
    expect(await dump.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await side.getByRole("button", { name: "Copy as Python bytes" }).click();
    await expect(side.getByRole("status")).toHaveText("Copied as a Python bytes literal (10 bytes).");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("b'hi\\x00there\\xfe\\n'");
    await side.getByRole("button", { name: "Copy hex" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("6869007468657265fe0a");
    await side.getByRole("radio", { name: "Text" }).click();
    await side.getByLabel("Decode as").selectOption("latin-1");
    await expect(side.getByLabel("Bytes as text")).toHaveText("hi\\x00thereþ\n");
    await shoot(page, "log-detail", logPanel(page));

    // Keyboard: Home, arrows, End move the selection; End follows the tail again.
    await grid(page).focus();
    await page.keyboard.press("Home");
    await expect(rows(page).first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(rows(page).nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(grid(page)).toHaveAttribute("aria-activedescendant", /log-row-\d+/);
    await page.keyboard.press("End");
    await expect(rows(page).last()).toHaveAttribute("aria-selected", "true");
    // Scrolled up, the log stops following; the button brings it back to the newest row.
    await page.keyboard.press("Home");
    await call(page, "send", { fd: client, data: "newest" });
    const jump = logPanel(page).getByRole("button", { name: "Jump to latest" });
    await jump.click();
    await expect(jump).toBeHidden();
    await expect(sentRow(page, "newest")).toBeInViewport();

    // A frame decoded from the stream shows where its bytes lie, and its own bytes.
    const framed = await tcpPair(page);
    await call(page, "set_framing", { fd: framed.conn, framing: { kind: "delimiter", delimiter: "\n" } });
    await call(page, "send", { fd: framed.client, data: "one\ntwo\n" });
    const frame = rows(page).filter({ hasText: "frame" }).filter({ hasText: "two" });
    await frame.click();
    await side.getByRole("radio", { name: "Frame" }).click();
    await expect(side).toContainText(/This frame's bytes run from byte 4 of #\d+ to byte 7 of #\d+\./);
    await expect(side.getByLabel("Bytes as text")).toHaveText("two");

    // Bytes the Lab's packet log has dropped: said plainly, and nothing asked of the Lab in vain.
    await call(page, "log_config", { maxEntries: 1 });
    await call(page, "send", { fd: client, data: "first" });
    await call(page, "send", { fd: client, data: "second" });
    await sentRow(page, "first").click();
    await expect(side.getByRole("note")).toContainText("The Lab's packet log has already dropped these bytes (it keeps the latest 1 payloads)");
    await expect(rows(page).filter({ hasText: "payload" })).toHaveCount(0);
  });

  test("follow stream shows both directions in order with FIN and RST; the sequence chart draws them", async ({ page }) => {
    const { client, conn, port } = await tcpPair(page);
    await call(page, "send", { fd: client, data: "hello" });
    await call(page, "send", { fd: conn, data: "world\n" });
    await call(page, "shutdown", { fd: client, how: 1 });
    await call(page, "send", { fd: conn, data: "still here" });
    await call(page, "setsockopt", { fd: conn, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] });
    await call(page, "close", { fd: conn });
    await expect(rows(page).filter({ hasText: "RST" }).first()).toBeVisible();

    await logPanel(page).getByRole("tab", { name: "Follow stream" }).click();
    const connection = logPanel(page).getByLabel("Connection");
    await connection.selectOption((await connection.locator("option", { hasText: new RegExp(`^s${client} `) }).getAttribute("value"))!);
    const stream = logPanel(page).getByRole("log", { name: /^Stream of s\d+/ });
    await expect(stream).toContainText("hello");
    await expect(stream).toContainText("world");
    await expect(stream.getByRole("note").first()).toContainText("FIN · this side");
    await expect(stream).toContainText("RST");
    const text = await stream.innerText();
    expect(text.indexOf("hello")).toBeLessThan(text.indexOf("world"));
    expect(text.indexOf("FIN")).toBeLessThan(text.indexOf("still here"));
    await shoot(page, "log-stream", logPanel(page));

    await logPanel(page).getByRole("tab", { name: "Sequence chart" }).click();
    const chart = logPanel(page).getByRole("img", { name: /^Sequence chart: \d+ messages/ });
    await expect(chart).toContainText("connect()");
    await expect(chart).toContainText("5 B  hello");
    await expect(chart).toContainText("FIN");
    await expect(chart).toContainText("RST");
    await expect(logPanel(page).locator(".sequence-head")).toContainText(`127.0.0.1:${port}`);
    // TCP bytes between two Lab sockets appear once, as sent, not again as received.
    await expect(chart.locator(".seq-arrow", { hasText: "hello" })).toHaveCount(1);
    await logPanel(page).getByRole("button", { name: "Expand" }).click();
    await logPanel(page).getByRole("checkbox", { name: "Large type" }).check();
    await shoot(page, "log-sequence-projector");
    await page.keyboard.press("Escape");
    await expect(logPanel(page).getByRole("button", { name: "Expand" })).toHaveAttribute("aria-pressed", "false");
  });

  test("exports the filtered rows as NDJSON and CSV", async ({ page }) => {
    const { client, conn } = await tcpPair(page);
    await call(page, "send", { fd: client, data: 'say "hi", ok' });
    await call(page, "send", { fd: conn, data: "bye" });
    await expect(rows(page).filter({ hasText: "bye" })).toHaveCount(2);
    await filterBar(page).getByLabel("Kind").selectOption("data");
    await expect(rows(page)).toHaveCount(4);

    await logPanel(page).getByRole("button", { name: "Export" }).click();
    const dialog = logPanel(page).getByRole("dialog", { name: "Export the log" });
    await expect(dialog.getByRole("radio", { name: "The 4 rows the filter shows" })).toBeChecked();
    await shoot(page, "log-export");
    const [ndjson] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download NDJSON" }).click()]);
    expect(ndjson.suggestedFilename()).toBe("socket-lab-log.ndjson");
    const lines = (await readFile((await ndjson.path())!, "utf8")).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.kind === "data")).toBe(true);
    expect(lines[0]).toMatchObject({ fd: client, dir: "out", len: 12, preview: 'say "hi", ok' });
    expect(lines.map((line) => line.dir)).toEqual(["out", "in", "out", "in"]);
    await expect(dialog.getByRole("status")).toHaveText("Exported 4 rows to socket-lab-log.ndjson.");
    await expect(page.getByRole("status").filter({ hasText: "Saved socket-lab-log.ndjson" })).toBeVisible();

    await dialog.getByRole("radio", { name: /^All \d+ rows/ }).check();
    const [csv] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe("socket-lab-log.csv");
    const table = (await readFile((await csv.path())!, "utf8")).trimEnd().split("\r\n");
    expect(table[0]).toBe("seq,t_us,time_s,fd,dir,kind,src,dst,len,preview");
    expect(table.length).toBeGreaterThan(5);
    expect(table.some((line) => line.endsWith(`,out,data,`) || line.includes(',"say ""hi"", ok"'))).toBe(true);
    expect(table.some((line) => line.includes(",accept,"))).toBe(true);
  });

  test("the composer sends escapes and macros, repeats with progress, stops, and sends UDP datagrams to an address", async ({ page }) => {
    // The table holds only the rows on screen, and on an 800 px window the log starts short (28%): give it the height for the rows counted below.
    await page.setViewportSize({ width: 1280, height: 1000 });
    const { client } = await tcpPair(page);
    await logPanel(page).getByRole("tab", { name: "Send" }).click();
    const composer = logPanel(page).getByRole("form", { name: "Send" });
    await composer.getByLabel("Socket").selectOption(String(client));
    await composer.getByLabel("Data").fill("msg {{COUNTER}}\\n");
    await composer.getByLabel("Times").fill("3");
    await composer.getByLabel("Every (ms)").fill("20");
    await composer.getByRole("button", { name: "Send ×3" }).click();
    await expect(composer.getByRole("status")).toHaveText("Done: sent 3 of 3.");
    for (const n of [1, 2, 3]) await expect(rows(page).filter({ hasText: `msg ${n}\\n` })).toHaveCount(2);
    await expect(page.getByRole("log", { name: "Python" })).toContainText(`Composer: s${client}.send(b'msg 1\\n') × 3, every 20 ms`);

    // Constant bytes repeat in the Lab (a repeat job); Stop cancels it.
    await composer.getByLabel("Data").fill("tick\\x00");
    await composer.getByLabel("Times").fill("1000");
    await composer.getByLabel("Every (ms)").fill("30");
    await composer.getByRole("button", { name: "Send ×1000" }).click();
    await expect(composer.getByRole("progressbar")).toBeVisible();
    await shoot(page, "log-composer", logPanel(page));
    await composer.getByRole("button", { name: "Stop" }).click();
    await expect(composer.getByRole("status")).toHaveText(/^Stopped after \d+ of 1000\.$/);

    await composer.getByLabel("Data").fill("bad \\q");
    await expect(composer.getByRole("alert")).toContainText("Unknown escape “\\q” at column 5");
    await expect(composer.getByRole("button", { name: "Send ×1000" })).toBeDisabled();

    // A file is read in the page (FileReader) and sent as its bytes.
    await composer.getByRole("radio", { name: "file" }).check();
    await composer.getByLabel("File", { exact: true }).setInputFiles({ name: "frame.bin", mimeType: "application/octet-stream", buffer: Buffer.from([0x00, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]) });
    await expect(composer).toContainText("frame.bin: 7 bytes");
    await composer.getByLabel("Times").fill("1");
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    await expect(sentRow(page, "\\x00\\x05hello")).toHaveCount(1);
    await composer.getByRole("radio", { name: "text" }).check();

    const { fd: udp } = await call<{ fd: number }>(page, "socket", { type: "SOCK_DGRAM" });
    await call(page, "bind", { fd: udp, address: ["127.0.0.1", 0] });
    const [, udpPort] = await call<[string, number]>(page, "getsockname", { fd: udp });
    const { fd: sender } = await call<{ fd: number }>(page, "socket", { type: "SOCK_DGRAM" });
    await composer.getByLabel("Socket").selectOption(String(sender));
    await composer.getByRole("radio", { name: "hex" }).check();
    await composer.getByLabel("Data").fill("de ad be ef");
    await composer.getByLabel("Port").fill(String(udpPort));
    await composer.getByLabel("Times").fill("1");
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    await expect(rows(page).filter({ hasText: "\\xde\\xad\\xbe\\xef" }).filter({ hasText: "datagram" })).toHaveCount(2);

    await logPanel(page).getByRole("tab", { name: "I/O graph" }).click();
    const graph = logPanel(page).getByRole("img", { name: /^Bytes per second for \d+ sockets/ });
    await expect(graph).toBeVisible();
    await expect(logPanel(page).getByRole("list", { name: "Sockets" })).toContainText(`fd ${client}`);
    await shoot(page, "log-io", logPanel(page));
  });

  test("a full log drops its oldest rows and says how many; the DOM holds only the rows on screen", async ({ page }) => {
    await logPanel(page).getByLabel("Keep", { exact: true }).selectOption("10000");
    const { fd: receiver } = await call<{ fd: number }>(page, "socket", { type: "SOCK_DGRAM" });
    await call(page, "bind", { fd: receiver, address: ["127.0.0.1", 0] });
    await call(page, "auto", { fd: receiver, recv: true });
    const address = await call<[string, number]>(page, "getsockname", { fd: receiver });
    const senders = await Promise.all([1, 2, 3, 4].map(() => call<{ fd: number }>(page, "socket", { type: "SOCK_DGRAM" })));
    // Each datagram is two rows (sent, received): 4 × 1500 × 2 = 12,000 rows into a log that keeps 10,000.
    await Promise.all(senders.map(({ fd }) => call(page, "repeat", { fd, data: "x", address, count: 1500, interval_ms: 0 })));
    const dropped = logPanel(page).locator("[data-dropped]");
    await expect(dropped).toHaveText(/^[\d,]+ older entries dropped$/, { timeout: 20_000 });
    await expect(logPanel(page)).toContainText("10,000 entries");
    await expect.poll(async () => Number(await dropped.getAttribute("data-dropped")), { timeout: 20_000 }).toBeGreaterThanOrEqual(2000);
    expect(await grid(page).getByRole("row").count()).toBeLessThanOrEqual(100);
    await expect(grid(page)).toHaveAttribute("aria-rowcount", "10001");
    await shoot(page, "log-full", logPanel(page));
  });

  test("Chinese: the log's views read naturally", async ({ page }) => {
    const { client } = await tcpPair(page);
    await call(page, "send", { fd: client, data: "你好" });
    await page.getByRole("button", { name: "Language" }).click();
    const panel = page.getByRole("region", { name: "日志" });
    await expect(panel.getByRole("tab", { name: "时序图" })).toBeVisible();
    await panel.getByRole("search", { name: "筛选日志" }).getByLabel("表达式").fill("len >");
    await expect(panel.getByRole("alert")).toContainText("第 6 列：这里应是用来比较的值，实际是输入结尾。");
    await shoot(page, "log-zh", panel);
  });
});
