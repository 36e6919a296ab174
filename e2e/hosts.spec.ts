import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { startAgent, type LoopbackAgent } from "./agents";
import { serveLab, type ServedLab } from "./serve";
import { newSocket } from "./steps";

/**
 * The Hosts view with two real agents on loopback: pairing each by its URL
 * (the codes match what the agents printed), a broadcast from another
 * console's Lab heard by both, on one timeline; the filter by host; an agent
 * killed (lost, reconnecting) and started again (connected, a new Lab).
 */

const SHOTS = "test-results/screenshots";
const BIN = fileURLToPath(new URL("../bin/socket-lab.js", import.meta.url));
const PORT = 47123;

/** The tutorial's broadcast on loopback: receivers on agents b and c, the sender on b too, each receiver answering it. */
const BROADCAST = {
  name: "hosts-e2e",
  steps: [
    { op: "socket", host: "b", as: "rb", type: "SOCK_DGRAM" },
    { op: "setsockopt", host: "b", sock: "rb", level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 },
    { op: "bind", host: "b", sock: "rb", address: ["", PORT] },
    { op: "socket", host: "c", as: "rc", type: "SOCK_DGRAM" },
    { op: "setsockopt", host: "c", sock: "rc", level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 },
    { op: "bind", host: "c", sock: "rc", address: ["", PORT] },
    { op: "socket", host: "b", as: "S", type: "SOCK_DGRAM" },
    { op: "setsockopt", host: "b", sock: "S", level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 },
    { op: "bind", host: "b", sock: "S", address: ["127.0.0.1", 0] },
    { op: "sendto", host: "b", sock: "S", data: "Hi there!", address: ["127.255.255.255", PORT] },
    { op: "settimeout", host: "b", sock: "rb", seconds: 3 },
    { op: "recvfrom", host: "b", sock: "rb", bufsize: 1024 },
    { op: "sendto", host: "b", sock: "rb", data: "ACK from b", address: ["127.0.0.1", "$S.port"] },
    { op: "settimeout", host: "c", sock: "rc", seconds: 3 },
    { op: "recvfrom", host: "c", sock: "rc", bufsize: 1024 },
    { op: "sendto", host: "c", sock: "rc", data: "ACK from c", address: ["127.0.0.1", "$S.port"] },
  ],
};

/** Longer than a log row's 48-byte preview: the stream shows it whole, fetched from c. */
const ANSWER = "200 OK: the whole of this answer is longer than a row's preview";

/** A TCP exchange between the two agents: c listens, b connects, asks, c answers, b shuts its side. */
const CONVERSATION = {
  name: "hosts-e2e-tcp",
  steps: [
    { op: "socket", host: "c", as: "L" },
    { op: "bind", host: "c", sock: "L", address: ["127.0.0.1", 0] },
    { op: "listen", host: "c", sock: "L" },
    { op: "socket", host: "b", as: "K" },
    { op: "connect", host: "b", sock: "K", address: ["127.0.0.1", "$L.port"] },
    { op: "accept", host: "c", sock: "L", as: "A" },
    { op: "sendall", host: "b", sock: "K", data: "GET /hello" },
    { op: "settimeout", host: "c", sock: "A", seconds: 3 },
    { op: "recv", host: "c", sock: "A", bufsize: 1024 },
    { op: "sendall", host: "c", sock: "A", data: ANSWER },
    { op: "settimeout", host: "b", sock: "K", seconds: 3 },
    { op: "recv", host: "b", sock: "K", bufsize: 1024 },
    { op: "shutdown", host: "b", sock: "K", how: "SHUT_WR" },
    { op: "recv", host: "c", sock: "A", bufsize: 1024 },
    { op: "close", host: "c", sock: "A" },
    { op: "close", host: "b", sock: "K" },
    { op: "close", host: "c", sock: "L" },
  ],
};

function run(file: string, configDir: string, hosts: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [BIN, "run", file, "--format", "text", ...Object.entries(hosts).flatMap(([name, url]) => ["--host", `${name}=${url}`])];
  return new Promise((resolve) =>
    execFile(process.execPath, args, { env: { ...process.env, SOCKET_LAB_CONFIG_DIR: configDir }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const labs: ServedLab[] = [];
const agents: LoopbackAgent[] = [];

test.afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.stop()));
  await Promise.all(agents.splice(0).map((a) => a.kill()));
});

/** A `socket-lab serve` with its own config directory (its paired agents, its own agent identity). */
async function serve(): Promise<ServedLab> {
  const lab = await serveLab([], [], { SOCKET_LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), "socket-lab-console-")) });
  labs.push(lab);
  return lab;
}

test("pairs two agents by URL, shows a broadcast both heard on one timeline, filters by host, and follows an agent that is killed and comes back", async ({ page }) => {
  test.setTimeout(90_000);
  const dirs = { console: await mkdtemp(join(tmpdir(), "socket-lab-console-")), b: await mkdtemp(join(tmpdir(), "socket-lab-b-")), c: await mkdtemp(join(tmpdir(), "socket-lab-c-")) };
  const b = await startAgent("bench-b", dirs.b);
  let c = await startAgent("bench-c", dirs.c);
  agents.push(b, c);
  const lab = await serveLab([], [], { SOCKET_LAB_CONFIG_DIR: dirs.console });
  labs.push(lab);
  await page.goto(lab.url);

  await page.getByRole("button", { name: "Hosts", exact: true }).click();
  const view = page.getByRole("region", { name: "Hosts", exact: true });
  await expect(view.getByText("No hosts yet.")).toBeVisible();
  const form = view.getByRole("form", { name: "Pair a host" });
  const name = form.getByRole("textbox", { name: "Name" });
  const url = form.getByRole("textbox", { name: "Pairing URL" });
  const pair = form.getByRole("button", { name: "Pair" });

  // What the form refuses before asking the console: a URL that is not an agent's, a name already taken.
  await url.fill("https://example.org/");
  await expect(form.getByText("a pairing URL starts with wss://")).toBeVisible();
  await expect(pair).toBeDisabled();
  await name.fill("local");
  await expect(form.getByText("there is a host named local already")).toBeVisible();

  await name.fill("b");
  await url.fill(b.pairing().url);
  const codeB = b.pairing().code;
  await pair.click();
  await expect(form.getByRole("status")).toHaveText(`Paired with bench-b as b. The agent's screen shows the code ${codeB}: check it is the same.`);
  await expect(name).toHaveValue("c");
  await url.fill(c.pairing().url);
  await pair.click();
  await expect(form.getByRole("status")).toContainText("Paired with bench-c as c.");

  const table = view.getByRole("region", { name: "Paired hosts" });
  for (const host of ["b", "c"]) {
    const row = table.locator(`tr[data-host="${host}"]`);
    await expect(row).toContainText("connected");
    await expect(row).toContainText(/[+−]\d+\.\d{3} ms ± \d+\.\d ms/);
  }

  // Another console (the CLI) makes b broadcast; b's own receiver and c's each hear it and answer.
  const file = join(dirs.console, "broadcast.json");
  await writeFile(file, JSON.stringify(BROADCAST));
  const [nextB, nextC] = await Promise.all([b.pairingAfter(1), c.pairingAfter(1)]);
  const ran = await run(file, await mkdtemp(join(tmpdir(), "socket-lab-cli-")), { b: nextB.url, c: nextC.url });
  expect(ran.stderr).not.toMatch(/error/i);
  expect(ran.code).toBe(0);

  const timeline = view.getByRole("region", { name: "Timeline" });
  for (const host of ["b", "c"]) {
    const heard = timeline.locator(`tr.dir-in[data-host="${host}"][data-kind="broadcast"]`);
    await expect(heard).toHaveCount(1);
    await expect(heard).toContainText("Hi there!");
    await expect(heard).toContainText(`127.255.255.255:${PORT}`);
    await expect(heard).toContainText("lo");
    await expect(timeline.locator(`tr.dir-out[data-host="${host}"][data-kind="datagram"]`).filter({ hasText: `ACK from ${host}` })).toHaveCount(1);
  }
  // The run closed the sockets it opened on b and c: their close rows are on the timeline, and the hosts list none.
  await expect(timeline.locator('tr[data-host="b"][data-kind="close"]')).toHaveCount(2);

  // Who heard b's broadcast: b's own receiver and c's, each answering; this console's Lab had no socket on the port.
  await timeline.getByRole("button", { name: `Who heard the datagram fd 4 on b sent to 127.255.255.255:${PORT}` }).click();
  const roll = view.getByRole("region", { name: "Who heard it" });
  await expect(roll).toContainText("2 of 3 hosts heard it");
  await expect(roll.locator('tr[data-host="local"]')).toContainText(`not heard no UDP socket on port ${PORT}`);
  for (const host of ["b", "c"]) {
    const r = roll.locator(`tr[data-host="${host}"]`);
    await expect(r).toContainText("heard on fd 3");
    await expect(r).toContainText(`127.255.255.255:${PORT} on lo`);
    await expect(r).toContainText(`10 bytes ACK from ${host}`);
  }
  await page.screenshot({ path: `${SHOTS}/hosts-rollcall-light.png` });
  await roll.getByRole("button", { name: "Close" }).click();
  await expect(roll).toBeHidden();

  // The same rows as one sequence chart: a lifeline per host and socket; b's broadcast drawn to the
  // broadcast address and from b to each receiver that heard it, on b and on c; each ACK once, from its sender.
  await timeline.getByRole("button", { name: "Sequence chart" }).click();
  const heads = timeline.locator(".sequence-head > span");
  await expect(heads.filter({ hasText: `127.255.255.255:${PORT}` })).toContainText("no paired host");
  for (const host of ["b", "c"]) {
    await expect(heads.filter({ hasText: `0.0.0.0:${PORT}` }).filter({ has: page.locator("b", { hasText: new RegExp(`^${host}$`) }) })).toHaveCount(1);
  }
  await expect(timeline.locator("g.seq-arrow.kind-broadcast")).toHaveCount(3);
  await expect(timeline.locator("g.seq-arrow.kind-datagram")).toHaveCount(2);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/hosts-sequence-1920-light.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  // Picking b's send in the chart asks the roll call who heard it.
  await timeline.locator(`g.seq-arrow.kind-broadcast[data-dir="out"]`).click();
  await expect(roll).toContainText("2 of 3 hosts heard it");
  await roll.getByRole("button", { name: "Close" }).click();
  await expect(roll).toBeHidden();
  // From the keyboard: Home, then ↓ message by message, each read out, until b's send is picked and the roll call opens.
  await timeline.getByLabel("Sequence chart", { exact: true }).focus();
  await page.keyboard.press("Home");
  const said = timeline.locator(".sequence [aria-live]");
  await expect(said).toHaveText(/^\w+ #\d+, [\d:.]+: /);
  for (let i = 0; i < 40 && !(await roll.isVisible()); i++) await page.keyboard.press("ArrowDown");
  await expect(roll).toContainText("2 of 3 hosts heard it");
  await expect(said).toHaveText(new RegExp(`^b #\\d+, [\\d:.]+: b [\\d.]+:\\d+ → no paired host 127\\.255\\.255\\.255:${PORT}, broadcast · 9 B +Hi there!$`));
  await roll.getByRole("button", { name: "Close" }).click();

  // A TCP connection from b to c, followed as one stream: each send paired with its receipt on the other host.
  const tcp = join(dirs.console, "conversation.json");
  await writeFile(tcp, JSON.stringify(CONVERSATION));
  const [thirdB, thirdC] = await Promise.all([b.pairingAfter(2), c.pairingAfter(2)]);
  const talked = await run(tcp, await mkdtemp(join(tmpdir(), "socket-lab-cli-")), { b: thirdB.url, c: thirdC.url });
  expect(talked.stderr).not.toMatch(/error/i);
  expect(talked.code).toBe(0);
  await timeline.getByRole("button", { name: "Follow stream" }).click();
  await expect(timeline.getByRole("combobox", { name: "Connection" }).locator("option:checked")).toHaveText(/^b fd \d+ 127\.0\.0\.1:\d+ ⇄ c fd \d+ 127\.0\.0\.1:\d+$/);
  const stream = timeline.getByRole("log", { name: /^Stream of b fd/ });
  const ask = stream.locator(".chunk").filter({ hasText: "GET /hello" });
  await expect(ask).toHaveCount(1);
  await expect(ask).toContainText(/b fd \d+ → c fd \d+ · 10 B · sent \d+\.\d{3}/);
  await expect(ask).toContainText(/c received the last byte \d+\.\d{3}, (\d+\.\d ms later \(±|at the same moment within the clocks' uncertainty \(±|\d+\.\d ms before the send's stamp \(±)\d/);
  const answer = stream.locator(".chunk").filter({ hasText: "200 OK" });
  await expect(answer).toContainText(new RegExp(`c fd \\d+ → b fd \\d+ · ${ANSWER.length} B`));
  await expect(answer.locator(".chunk-text")).toHaveText(ANSWER);
  await expect(answer).toContainText("b received the last byte");
  await expect(stream.locator(".stream-mark.fin")).toContainText(/FIN · b fd \d+ will send no more .* c received the FIN/);
  await stream.scrollIntoViewIfNeeded();
  await timeline.screenshot({ path: `${SHOTS}/hosts-stream-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await timeline.screenshot({ path: `${SHOTS}/hosts-stream-dark.png` });
  await timeline.getByRole("button", { name: "Sequence chart" }).click();
  await timeline.screenshot({ path: `${SHOTS}/hosts-sequence-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
  await timeline.getByRole("button", { name: "Table" }).click();
  await expect(view.getByRole("region", { name: "Sockets by host" }).getByRole("group", { name: "Sockets of b" })).toContainText("no sockets");

  for (const [w, h] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.emulateMedia({ colorScheme: "light" });
    await page.screenshot({ path: `${SHOTS}/hosts-${w}-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/hosts-${w}-dark.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });

  await timeline.getByRole("combobox", { name: "Show" }).selectOption("c");
  await expect(timeline.locator('tr[data-host="b"]')).toHaveCount(0);
  await expect(timeline.locator('tr[data-host="c"]').first()).toBeVisible();
  await timeline.getByRole("combobox", { name: "Show" }).selectOption("");
  // The log's filter language, with the host field.
  const expression = timeline.getByRole("textbox", { name: "Expression" });
  await expression.fill('host == "c" && kind == broadcast');
  await expect(timeline.locator("tbody tr")).toHaveCount(1);
  await expect(timeline.locator("tbody tr")).toHaveAttribute("data-host", "c");
  await expression.fill("host > c");
  await expect(timeline.getByRole("alert")).toBeVisible();
  await expression.fill("");
  await expect(timeline.locator('tr[data-host="b"]').first()).toBeVisible();

  // c is killed: lost at once (its kernel closes the connection), and it keeps trying.
  const port = c.port;
  await c.kill();
  const rowC = table.locator('tr[data-host="c"]');
  await expect(rowC).toContainText("lost, reconnecting", { timeout: 4000 });
  await page.screenshot({ path: `${SHOTS}/hosts-lost-light.png` });
  // Started again on the same port, with the same identity: the console's stored credential reconnects it, to a new Lab.
  c = await startAgent("bench-c", dirs.c, port);
  agents.push(c);
  await expect(rowC).toContainText("connected", { timeout: 15_000 });
  await expect(rowC).toContainText("the agent restarted once");
  await expect(table.locator('tr[data-host="b"]')).toContainText("connected");

  await page.getByRole("button", { name: "Remove host b (it stays paired: its URL without ?pair= connects again)" }).click();
  await expect(table.locator('tr[data-host="b"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Language" }).click();
  await expect(page.getByRole("region", { name: "主机", exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/hosts-zh-light.png` });
});

test("broadcasts across the hosts from the console: receivers opened on b and c, a datagram sent from b, heard and answered by both, their sockets closed from the list", async ({ page }) => {
  test.setTimeout(60_000);
  const b = await startAgent("bench-b", await mkdtemp(join(tmpdir(), "socket-lab-b-")));
  const c = await startAgent("bench-c", await mkdtemp(join(tmpdir(), "socket-lab-c-")));
  agents.push(b, c);
  await page.goto((await serve()).url);
  await page.getByRole("button", { name: "Hosts", exact: true }).click();
  const view = page.getByRole("region", { name: "Hosts", exact: true });
  const form = view.getByRole("form", { name: "Pair a host" });
  for (const [host, agent] of [
    ["b", b],
    ["c", c],
  ] as const) {
    await form.getByRole("textbox", { name: "Name" }).fill(host);
    await form.getByRole("textbox", { name: "Pairing URL" }).fill(agent.pairing().url);
    await form.getByRole("button", { name: "Pair" }).click();
    await expect(form.getByRole("status")).toContainText(`as ${host}.`);
  }

  const drive = view.getByRole("region", { name: "Broadcast across the hosts" });
  const receivers = drive.getByRole("form", { name: "Open UDP receivers on hosts" });
  const port = receivers.getByRole("textbox", { name: "Port" });
  await port.fill("70000");
  await expect(receivers.getByRole("button", { name: "Open receivers" })).toBeDisabled();
  await port.fill(String(PORT + 1));
  // The paired hosts listen; the console's own Lab only if ticked.
  await expect(receivers.getByRole("checkbox", { name: "local" })).not.toBeChecked();
  await expect(receivers.getByRole("checkbox", { name: "b" })).toBeChecked();
  await receivers.getByRole("button", { name: "Open receivers" }).click();
  await expect(drive.getByRole("status")).toHaveText(new RegExp(`^Listening on port ${PORT + 1}: b fd \\d+, c fd \\d+\\.$`));
  const sockets = view.getByRole("region", { name: "Sockets by host" });
  for (const host of ["b", "c"]) await expect(sockets.getByRole("group", { name: `Sockets of ${host}` })).toContainText(`0.0.0.0:${PORT + 1}`);

  // From b, to loopback's broadcast (the field offers the host's own broadcast addresses; the test stays on loopback).
  const sender = drive.getByRole("form", { name: "Send a datagram from a host" });
  await sender.getByRole("combobox", { name: "From" }).selectOption("b");
  await sender.getByRole("combobox", { name: "To" }).fill("127.255.255.255");
  await sender.getByRole("textbox", { name: "Data" }).fill("Who is there?");
  await sender.getByRole("button", { name: "Send" }).click();
  await expect(drive.getByRole("status")).toHaveText(new RegExp(`^Sent 13 bytes from b fd \\d+ to 127\\.255\\.255\\.255:${PORT + 1}: see who heard it below\\.$`));

  const timeline = view.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("button", { name: new RegExp(`^Who heard the datagram fd \\d+ on b sent to 127\\.255\\.255\\.255:${PORT + 1}$`) }).click();
  const roll = view.getByRole("region", { name: "Who heard it" });
  await expect(roll).toContainText("2 of 3 hosts heard it");
  for (const host of ["b", "c"]) await expect(roll.locator(`tr[data-host="${host}"]`)).toContainText(`10 bytes ACK from ${host}`);
  await expect(roll.locator('tr[data-host="local"]')).toContainText(`no UDP socket on port ${PORT + 1}`);
  await page.screenshot({ path: `${SHOTS}/hosts-drive-1280-light.png` });

  // The sender stays open to hear the answers (b has its receiver and its sender); closing from the list closes them on the host.
  const ofB = sockets.getByRole("group", { name: "Sockets of b" });
  const closers = ofB.getByRole("button", { name: /^Close fd \d+ on b$/ });
  await expect(closers).toHaveCount(2);
  await closers.first().click();
  // The row goes when b's close event reaches the console.
  await expect(closers).toHaveCount(1);
  await closers.click();
  await expect(ofB).toContainText("no sockets");
});

test("lets a console drive this Lab: the URL as text and QR code, a second Lab's page pairs with it, sees its socket, and is unpaired", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const [teacher, student] = [await serve(), await serve()];
  const studentPage = await browser.newPage();
  await studentPage.goto(student.url);
  await page.goto(teacher.url);

  await studentPage.getByRole("button", { name: "Hosts", exact: true }).click();
  await studentPage.getByRole("button", { name: "Let a console drive this Lab" }).click();
  const share = studentPage.getByRole("region", { name: "This Lab for another console" });
  await share.getByRole("combobox", { name: "Listen on" }).selectOption("127.0.0.1");
  await share.getByRole("textbox", { name: "Port" }).fill("70000");
  await expect(share.getByText("a port from 0 to 65535")).toBeVisible();
  await expect(share.getByRole("button", { name: "Start" })).toBeDisabled();
  await share.getByRole("textbox", { name: "Port" }).fill("0");
  await share.getByRole("textbox", { name: "Name" }).fill("student-7");
  await share.getByRole("button", { name: "Start" }).click();
  const urlField = share.getByRole("textbox", { name: "Pairing URL" });
  await expect(urlField).toHaveValue(/^wss:\/\/127\.0\.0\.1:\d+\/\?pair=\S+#sha256=[0-9a-f]{64}$/);
  await expect(share.getByRole("img", { name: "QR code of the pairing URL" })).toBeVisible();
  const url = await urlField.inputValue();
  const code = /Code (\S+):/.exec((await share.getByText(/^Code /).textContent()) ?? "")![1]!;
  await expect(studentPage.getByRole("button", { name: "Shared: 0 consoles connected" })).toBeVisible();
  await studentPage.setViewportSize({ width: 1280, height: 800 });
  await studentPage.screenshot({ path: `${SHOTS}/share-1280-light.png` });

  // The teacher's console pairs with the student's Lab by that URL: the same code on both screens.
  await page.getByRole("button", { name: "Hosts", exact: true }).click();
  const view = page.getByRole("region", { name: "Hosts", exact: true });
  const form = view.getByRole("form", { name: "Pair a host" });
  await form.getByRole("textbox", { name: "Name" }).fill("s7");
  await form.getByRole("textbox", { name: "Pairing URL" }).fill(url);
  await form.getByRole("button", { name: "Pair" }).click();
  await expect(form.getByRole("status")).toHaveText(`Paired with student-7 as s7. The agent's screen shows the code ${code}: check it is the same.`);
  await expect(share.getByText(/^connected from 127\.0\.0\.1:\d+$/)).toBeVisible();
  await expect(studentPage.getByRole("button", { name: "Shared: 1 console connected" })).toBeVisible();
  // Each pairing spends the URL: the student's page shows the next one.
  await expect(urlField).not.toHaveValue(url);

  // A socket the student makes in their own page is the shared Lab's: the teacher's view lists it and logs it.
  await newSocket(studentPage, "SOCK_DGRAM");
  await expect(view.getByRole("group", { name: "Sockets of s7" })).toContainText("UDP");
  await expect(view.getByRole("region", { name: "Timeline" }).locator('tr[data-host="s7"][data-kind="socket"]')).toHaveCount(1);

  // The student unpairs the teacher: the teacher's console is refused and stops trying.
  await studentPage.getByRole("button", { name: "Hosts", exact: true }).click();
  // The card stays as it was left.
  await expect(studentPage.getByRole("button", { name: "Shared: 1 console connected" })).toHaveAttribute("aria-expanded", "true");
  await share.getByRole("button", { name: /^Unpair console / }).click();
  const row = view.getByRole("region", { name: "Paired hosts" }).locator('tr[data-host="s7"]');
  await expect(row).toContainText("refused", { timeout: 8000 });
  await expect(row).toContainText("pair again");
  await page.screenshot({ path: `${SHOTS}/hosts-refused-light.png` });
  await share.getByRole("button", { name: "Stop sharing" }).click();
  await expect(studentPage.getByRole("button", { name: "Let a console drive this Lab" })).toBeVisible();
  await studentPage.close();
});
