import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { normalizeTranscript, parseTranscript, type TranscriptLine } from "../src/shared/scenario";
import { expect, test } from "./fixtures";
import { connectedPair, detail, newSocket, python, runOp, selectSocket, SHOTS, sockets } from "./steps";

/** A scenario's transcript as a program prints it (exit 0: every expectation held), ports normalised. */
async function transcriptOf(command: string, args: string[]): Promise<TranscriptLine[]> {
  const { stdout } = await promisify(execFile)(command, args, { timeout: 30_000 });
  return normalizeTranscript(parseTranscript(stdout));
}

test.describe("sockets: state, actions, blocking calls and the recording", () => {
  test("the tutorial's half-open socket, step by step through the action bar", async ({ page, lab }) => {
    await newSocket(page);
    await expect(python(page)).toContainText("s3 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
    // A new socket is Linux's CLOSE (no connection yet), in the list and in the detail.
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s3 / })).toContainText("CLOSE");
    await expect(detail(page).getByRole("list", { name: "Kernel state history" })).toHaveText("CLOSE");
    await expect(detail(page)).toContainText("Not connected yet");

    // The form shows its Python line before it runs.
    await page.getByRole("toolbar").getByRole("button", { name: "bind", exact: true }).click();
    await expect(page.getByRole("form", { name: "bind" })).toContainText(/>>>\s*s3\.bind\(\('127\.0\.0\.1', 0\)\)/);
    await runOp(page, "bind");
    await expect(python(page)).toContainText("s3.bind(('127.0.0.1', 0))");
    await runOp(page, "listen");
    await expect(python(page)).toContainText("s3.listen(5)");
    await expect(detail(page)).toContainText("LISTEN");

    await newSocket(page);
    const connect = await runOp(page, "connect");
    await expect(connect).toBeHidden();
    await expect(python(page)).toContainText(/s4\.connect\(\('127\.0\.0\.1', \d+\)\)/);
    await expect(detail(page)).toContainText("ESTABLISHED");
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s3 / })).toContainText("1 waiting");

    await selectSocket(page, "s3");
    await runOp(page, "accept");
    await expect(python(page)).toContainText("s5, addr = s3.accept()");
    await expect(python(page)).toContainText(/# addr = \('127\.0\.0\.1', \d+\)/);

    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await expect(python(page)).toContainText("s4.sendall(b'hello')");
    await runOp(page, "shutdown", (form) => form.getByRole("radio", { name: /^SHUT_WR/ }).check());
    await expect(python(page)).toContainText("s4.shutdown(socket.SHUT_WR)");
    // Linux's names: FIN_WAIT1 until the peer's kernel acknowledges the FIN (a few ms on loopback), then FIN_WAIT2.
    await expect(detail(page)).toContainText(/ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2/);
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s4 / })).toContainText("FIN_WAIT2");
    await expect(page.getByRole("img", { name: "write: FIN sent" })).toBeVisible();
    await expect(page.getByRole("img", { name: "read: open" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/half-open-client-light.png` });

    await selectSocket(page, "s5");
    await expect(detail(page)).toContainText("ESTABLISHED → CLOSE_WAIT");
    await expect(page.getByRole("img", { name: /^read: FIN received · 5 B still to read/ })).toBeVisible();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/half-open-server-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    const recv = await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("s5.recv(1024)");
    await expect(python(page).locator(".line").last()).toContainText("b'hello'");
    await recv.getByRole("button", { name: "Run" }).click();
    await expect(python(page).locator(".line").last()).toHaveText(/s5\.recv\(1024\)\s*b''$/);
    await expect(page.getByRole("img", { name: "read: FIN received" })).toBeVisible();

    // Half-open: the side that received FIN still writes, and the client still reads.
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("world"));
    await expect(python(page)).toContainText("s5.sendall(b'world')");
    await expect(detail(page)).toContainText("CLOSE_WAIT");
    await selectSocket(page, "s4");
    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("b'world'");
    await page.screenshot({ path: `${SHOTS}/half-open-client-after-reply-light.png` });

    // After SHUT_WR, send raises EPIPE.
    await runOp(page, "send", (form) => form.getByLabel("Data").fill("late"));
    await expect(python(page).locator(".line").last()).toContainText("BrokenPipeError: [Errno 32] Broken pipe");
    expect(lab.output()).not.toContain("Error:");

    // The section as recorded: the transcript program prints in CPython what the Lab prints running the saved scenario,
    // and the UI's export (the session as Python) prints what the console printed.
    await page.getByRole("button", { name: /^Scenario, / }).click();
    const menu = page.getByRole("dialog", { name: "Scenario" });
    await expect(menu).toContainText("13 steps recorded");
    const [saved] = await Promise.all([page.waitForEvent("download"), menu.getByRole("button", { name: "Save scenario" }).click()]);
    const [exported] = await Promise.all([page.waitForEvent("download"), menu.getByRole("button", { name: "Export Python" }).click()]);
    const inLab = await transcriptOf("node", ["bin/socket-lab.js", "run", (await saved.path())!, "--format", "ndjson"]);
    const { stdout: transcriptProgram } = await promisify(execFile)("node", ["bin/socket-lab.js", "export-python", "--transcript", (await saved.path())!]);
    const programFile = `${(await saved.path())!}.lab.py`;
    await writeFile(programFile, transcriptProgram);
    const inPython = await transcriptOf("python3", [programFile]);
    expect(inLab.map((line) => line.op)).toEqual(["socket", "bind", "listen", "socket", "connect", "accept", "sendall", "shutdown", "recv", "recv", "sendall", "recv", "send"]);
    expect(inPython).toEqual(inLab);
    const { stdout: session } = await promisify(execFile)("python3", [(await exported.path())!], { timeout: 30_000 });
    expect(session.trimEnd().split("\n")).toEqual(["b'hello'", "b''", "b'world'", "BrokenPipeError: [Errno 32] Broken pipe"]);
  });

  test("recv with settimeout(0.5) shows the blocked call, then TimeoutError, and the socket stays usable", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s5");
    await runOp(page, "settimeout", async (form) => {
      await form.getByRole("radio", { name: /seconds/ }).check();
      await form.getByRole("textbox", { name: "seconds" }).fill("0.5");
    });
    await expect(python(page)).toContainText("s5.settimeout(0.5)");
    await expect(detail(page)).toContainText("timeout 0.5 s");

    await page.getByRole("toolbar").getByRole("button", { name: "recv", exact: true }).click();
    await expect(page.getByRole("form", { name: "recv" })).toContainText("timeout 0.5 s: waits that long, then raises TimeoutError");
    await runOp(page, "recv");
    const blocked = page.getByRole("status", { name: "blocked in recv(), TimeoutError after 0.5 s" });
    await expect(blocked).toBeVisible();
    await expect(sockets(page).getByRole("img", { name: "blocked in recv()" })).toBeVisible();
    await expect(python(page).locator(".line").last()).toContainText("waiting…");
    await page.screenshot({ path: `${SHOTS}/blocked-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/blocked-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });

    await expect(python(page).locator(".line").last()).toContainText("TimeoutError: timed out");
    await expect(blocked).toBeHidden();
    await expect(detail(page)).toContainText("ESTABLISHED");

    // The timeout closed nothing: data sent now is read by the same socket.
    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("ping"));
    await selectSocket(page, "s5");
    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("b'ping'");
  });

  test("a recv without timeout waits without freezing the window; data from the peer ends it", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s4");
    await runOp(page, "recv");
    await expect(page.getByRole("status", { name: "blocked in recv(), no timeout" })).toBeVisible();
    await expect(page.getByRole("form", { name: "recv" }).getByRole("button", { name: "Waiting…" })).toBeDisabled();

    await selectSocket(page, "s5");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("pong\\n"));
    await expect(python(page)).toContainText("s5.sendall(b'pong\\n')");
    await expect(python(page)).toContainText("s4.recv(1024)b'pong\\n'");
    await expect(sockets(page).getByRole("img", { name: /blocked/ })).toHaveCount(0);
  });

  test("close with SO_LINGER (1, 0) resets the connection: the peer's arrows turn red and recv raises ECONNRESET", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s4");
    await runOp(page, "setsockopt", async (form) => {
      await form.getByLabel("optname").selectOption("SO_LINGER");
      await form.getByLabel("l_linger").fill("0");
    });
    await expect(python(page)).toContainText("s4.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))");
    await runOp(page, "getsockopt", async (form) => {
      await form.getByLabel("optname").selectOption("SO_LINGER");
    });
    await expect(python(page).locator(".line").last()).toContainText("(1, 0)");
    await runOp(page, "close");
    await expect(python(page)).toContainText("s4.close()");
    await expect(sockets(page).getByRole("option")).toHaveCount(2);
    // The closed socket stays in sight, dimmed, until its fd is reused.
    const closed = page.getByRole("list", { name: "Recently closed" });
    await expect(closed.getByRole("listitem")).toHaveText([/^s4 fd 4\s*TCP.*fd closed$/]);

    await selectSocket(page, "s5");
    // Linux says CLOSE after an RST; the Lab says how the connection ended, beside it, and the list's row turns red.
    await expect(detail(page).getByRole("list", { name: "Kernel state history" })).toHaveText(/ESTABLISHED → CLOSE$/);
    await expect(detail(page)).toContainText("reset (RST)");
    await expect(sockets(page).getByRole("option").filter({ hasText: /^s5 / })).toContainText("CLOSE");
    await expect(page.getByRole("img", { name: "read: RST: connection reset" })).toBeVisible();
    await runOp(page, "recv");
    await expect(python(page).locator(".line").last()).toContainText("ConnectionResetError: [Errno 104] Connection reset by peer");
    await page.screenshot({ path: `${SHOTS}/reset-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/reset-dark.png` });
  });

  test("the action bar works from the keyboard: arrows move along it, Escape closes a form and returns focus", async ({ page }) => {
    await newSocket(page);
    const bind = page.getByRole("toolbar").getByRole("button", { name: "bind", exact: true });
    await bind.focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("toolbar").getByRole("button", { name: "listen", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("form", { name: "bind" }).getByLabel("Host")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("form", { name: "bind" })).toBeHidden();
    await expect(bind).toBeFocused();
  });

  test("UDP: + UDP binds without auto-recv, so sendto's datagram waits for recvfrom", async ({ page }) => {
    for (let i = 0; i < 2; i++) {
      await page.getByRole("button", { name: "+ UDP" }).click();
      await page.getByRole("dialog", { name: "New UDP socket" }).getByRole("button", { name: "Bind" }).click();
    }
    await expect(sockets(page).getByRole("option")).toHaveCount(2);
    await expect(detail(page)).toContainText("UDP");
    await expect(detail(page)).toContainText("not connected");

    await runOp(page, "sendto", async (form) => {
      await form.getByLabel("Data").fill("Hi there!");
      await form.getByLabel("Fill in from this lab").selectOption("3");
    });
    await expect(python(page).locator(".line").last()).toHaveText(/s4\.sendto\(b'Hi there!', \('127\.0\.0\.1', \d+\)\)\s*9$/);

    await selectSocket(page, "s3");
    await expect(page.getByRole("meter", { name: "Receive queue" })).toHaveAttribute("aria-valuenow", "9");
    await runOp(page, "recvfrom");
    await expect(python(page).locator(".line").last()).toContainText(/\(b'Hi there!', \('127\.0\.0\.1', \d+\)\)/);
    await page.screenshot({ path: `${SHOTS}/udp-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/udp-dark.png` });
  });

  test("the recording saves as a scenario file and exports as a Python program", async ({ page }) => {
    await connectedPair(page);
    await selectSocket(page, "s4");
    await runOp(page, "sendall", (form) => form.getByLabel("Data").fill("hello"));
    await runOp(page, "shutdown");

    await page.getByRole("button", { name: /^Scenario/ }).click();
    const menu = page.getByRole("dialog", { name: "Scenario" });
    await expect(menu).toContainText("8 steps recorded");
    await page.screenshot({ path: `${SHOTS}/scenario-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/scenario-dark.png` });

    const [saved] = await Promise.all([page.waitForEvent("download"), menu.getByRole("button", { name: "Save scenario" }).click()]);
    expect(saved.suggestedFilename()).toBe("recorded.json");
    const scenario = JSON.parse(await readFile((await saved.path())!, "utf8")) as { name: string; steps: Record<string, unknown>[] };
    expect(scenario.name).toBe("recorded");
    expect(scenario.steps).toEqual([
      { op: "socket", as: "s3", family: "AF_INET", type: "SOCK_STREAM" },
      { op: "bind", sock: "s3", address: ["127.0.0.1", 0] },
      { op: "listen", sock: "s3", backlog: 5 },
      { op: "socket", as: "s4", family: "AF_INET", type: "SOCK_STREAM" },
      { op: "connect", sock: "s4", address: ["127.0.0.1", "$s3.port"] },
      { op: "accept", sock: "s3", as: "s5" },
      { op: "sendall", sock: "s4", data: "hello" },
      { op: "shutdown", sock: "s4", how: "SHUT_WR" },
    ]);

    const [exported] = await Promise.all([page.waitForEvent("download"), menu.getByRole("button", { name: "Export Python" }).click()]);
    expect(exported.suggestedFilename()).toBe("recorded.py");
    const program = await readFile((await exported.path())!, "utf8");
    expect(program).toContain("import socket");
    expect(program).toContain("s4.shutdown(socket.SHUT_WR)");

    await menu.getByRole("button", { name: "Clear" }).click();
    await expect(menu).toContainText("0 steps recorded");
  });

  test("what the recording cannot hold (the quick server's auto modes) is counted beside it and named in its menu", async ({ page }) => {
    await page.getByRole("button", { name: "+ TCP server" }).click();
    const serverForm = page.getByRole("dialog", { name: "New TCP server" });
    await serverForm.getByLabel("Port").fill("0");
    await serverForm.getByRole("button", { name: "Listen" }).click();
    await expect(sockets(page).getByRole("option")).toHaveCount(1);

    const button = page.getByRole("button", { name: /^Scenario, / });
    await expect(button).toHaveAccessibleName("Scenario, 3 steps recorded · not in the recording: 1");
    await button.click();
    const menu = page.getByRole("dialog", { name: "Scenario" });
    await expect(menu).toContainText("Not in the recording (scenario format v1 has no step for them, or their values are beyond its range): auto modes ×1.");
    await page.screenshot({ path: `${SHOTS}/scenario-left-light.png` });
    await menu.getByRole("button", { name: "Clear" }).click();
    await expect(button).toHaveAccessibleName("Scenario, 0 steps recorded");
  });

  test("Chinese: the action bar, state view and blocked indicator read naturally", async ({ page }) => {
    await page.getByRole("button", { name: "Language" }).click();
    await page.getByRole("button", { name: "socket()" }).click();
    await page.getByRole("dialog", { name: "新建 socket()" }).getByRole("button", { name: "创建" }).click();
    await expect(page.getByRole("toolbar", { name: "对 s3 的操作" })).toBeVisible();
    await page.getByRole("toolbar").getByRole("button", { name: "bind", exact: true }).click();
    await expect(page.getByRole("form", { name: "bind" })).toContainText("端口填 0 时由系统选一个空闲端口");
    await page.screenshot({ path: `${SHOTS}/sockets-zh-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/sockets-zh-dark.png` });
  });
});
