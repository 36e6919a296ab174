// The renderer under load, measured in Debian's Chromium against a real
// browser-mode host (startHost, in this process) and a real Lab: a UDP
// sender in a child process floods a Lab UDP socket in auto-recv mode on
// loopback, so every datagram is one `data` event through the real
// transport. Needs a built renderer (npx electron-vite build).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "../e2e/chromium";
import { startHost } from "../src/main/host/server";
import { LabService } from "../src/main/bridge/lab-service";
import { Lab } from "../src/main/lab/lab";
import type { Figure } from "./figure";

const RENDERER = fileURLToPath(new URL("../out/renderer", import.meta.url));
const RATE = 50_000;
const SECONDS = 20;
const MILLION = 1_000_000;

/** Sends `rate` datagrams a second for `seconds`, each different, paced by the clock (a burst per ms, not a busy loop: the machine has other work); prints how many it sent. */
const FLOODER = `
const dgram = require("node:dgram");
const [port, rate, seconds] = process.argv.slice(1).map(Number);
const sock = dgram.createSocket("udp4");
sock.connect(port, "127.0.0.1", () => {
  const start = process.hrtime.bigint();
  let sent = 0;
  const tick = () => {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (elapsed >= seconds) return sock.close(() => process.stdout.write(sent + " " + elapsed));
    const due = Math.min(Math.floor(elapsed * rate), sent + 2000);
    for (; sent < due; sent++) sock.send(Buffer.from("datagram " + sent + " from the bench flooder"));
    setTimeout(tick, 1);
  };
  tick();
});`;

/**
 * In the page: rAF intervals, long tasks, and how many rows the log has
 * taken in (held + dropped, as the grid and the dropped counter show them),
 * with the times the count first and last grew: the page's own ingest rate.
 */
const PROBE = `(() => {
  const probe = { frames: [], longTasks: 0, timing: false, running: false, last: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (probe.timing && e.duration >= 50) probe.longTasks++; }).observe({ type: "longtask", buffered: false });
  probe.rows = () => {
    const grid = document.querySelector('[role="grid"]');
    const dropped = document.querySelector(".log [data-dropped]");
    return Number(grid?.getAttribute("aria-rowcount") ?? 1) - 1 + Number(dropped?.getAttribute("data-dropped") ?? 0);
  };
  const loop = (ts) => {
    if (probe.timing && probe.last) probe.frames.push(ts - probe.last);
    if (probe.running) {
      const rows = probe.rows();
      if (rows > probe.seen) { probe.firstGrowth ??= ts; probe.lastGrowth = ts; probe.seen = rows; }
    }
    probe.last = ts;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  probe.start = () => { probe.frames = []; probe.longTasks = 0; probe.last = 0; probe.seen = probe.rows(); probe.from = probe.seen; probe.firstGrowth = null; probe.lastGrowth = null; probe.running = probe.timing = true; };
  probe.stopTiming = () => { probe.timing = false; return { frames: probe.frames, longTasks: probe.longTasks }; };
  probe.stop = () => { probe.running = false; return { rows: probe.seen - probe.from, seconds: (probe.lastGrowth - probe.firstGrowth) / 1000 }; };
  window.__probe = probe;
})()`;

/** Scrolls the log from top to bottom in `frames` animation frames (a scrollbar drag), timing each frame. */
const SCROLL = `(frames) => new Promise((resolve) => {
  const el = document.querySelector(".log-grid-scroll");
  el.scrollTop = 0;
  const max = el.scrollHeight - el.clientHeight;
  const intervals = [];
  let maxRows = 0;
  let last = 0;
  let i = 0;
  const step = (ts) => {
    if (last) intervals.push(ts - last);
    last = ts;
    maxRows = Math.max(maxRows, document.querySelectorAll('[role="grid"] tbody [role="row"]').length);
    if (i > frames) return resolve({ intervals, maxRows, max });
    el.scrollTop = (max * i++) / frames;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(() => requestAnimationFrame(step));
})`;

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function flood(port: number, seconds: number): Promise<{ sent: number; seconds: number }> {
  const child = spawn(process.execPath, ["-e", FLOODER, String(port), String(RATE), String(seconds)], { stdio: ["ignore", "pipe", "inherit"] });
  // Should the bench die mid-flood, its flooder goes with it.
  const stop = () => child.kill();
  process.once("exit", stop);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await once(child, "exit");
  process.off("exit", stop);
  const [sent, elapsed] = out.split(" ").map(Number);
  return { sent: sent ?? 0, seconds: elapsed ?? seconds };
}

const rows = (page: Page) => page.evaluate("window.__probe.rows()") as Promise<number>;

/** Waits until the page's row count stops growing (the last batches have arrived), at most `ms`. */
async function settle(page: Page, ms: number): Promise<number> {
  let before = -1;
  const end = Date.now() + ms;
  for (;;) {
    const now = await rows(page);
    if (now === before || Date.now() > end) return now;
    before = now;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export default async function uiBench(): Promise<Figure[]> {
  if (!existsSync(`${RENDERER}/index.html`)) throw new Error("ui bench: build the renderer first (npx electron-vite build)");
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

  const lab = new Lab();
  const host = await startHost({ service: new LabService(lab), host: "127.0.0.1", port: 0, rendererDir: RENDERER });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByRole("region", { name: "Log" }).waitFor();
    await page.getByLabel("Keep", { exact: true }).selectOption(String(MILLION));
    await page.evaluate(PROBE);

    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    // What anyone receiving a flood does: a receive buffer that rides out a few ms when the Lab's process is busy.
    await lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 4 * 1024 * 1024 });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
    await lab.call("auto", { fd, recv: true });
    const port = (await lab.call("getsockname", { fd }))[1];
    await settle(page, 2000);

    // ui.ingest: 20 s of flood; the rows the page took in from the first to the last that arrived, and how its frames fared.
    const rows0 = await rows(page);
    const seq0 = lab.events.lastSeq;
    const kernel0 = await lab.call("kernel_udp_stats", {});
    await page.evaluate("window.__probe.start()");
    const { sent, seconds } = await flood(port, SECONDS);
    const { frames, longTasks } = (await page.evaluate("window.__probe.stopTiming()")) as { frames: number[]; longTasks: number };
    await settle(page, 15_000);
    const ingest = (await page.evaluate("window.__probe.stop()")) as { rows: number; seconds: number };
    const labEvents = lab.events.lastSeq - seq0;
    const kernel1 = await lab.call("kernel_udp_stats", {});
    const kernelDrops = kernel0 && kernel1 ? kernel1.rcvbufErrors - kernel0.rcvbufErrors : null;

    // ui.log.1m: fill to a million rows through the same transport, then look and scroll.
    for (let i = 0; i < 10 && (await rows(page)) < MILLION + rows0; i++) {
      await flood(port, Math.max(2, Math.ceil((MILLION + rows0 - (await rows(page))) / RATE) + 1));
      await settle(page, 15_000);
    }
    await lab.call("auto", { fd, recv: false });
    await lab.call("close", { fd });
    await settle(page, 5000);
    const held = Number(await page.getByRole("grid", { name: "Log entries" }).getAttribute("aria-rowcount")) - 1;
    const domRows = await page.locator('[role="grid"] tbody [role="row"]').count();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    const scroll = (await page.evaluate(`(${SCROLL})(300)`)) as { intervals: number[]; maxRows: number; max: number };

    const pageRate = ingest.rows / ingest.seconds;
    const labRate = labEvents / seconds;
    return [
      {
        name: "ui.ingest.events_per_s",
        value: Math.round(pageRate),
        unit: "events/s",
        baseline: Math.round(labRate),
        ratio: round(pageRate / labRate, 3),
        goal: ">= 50000",
        lab_events_per_s: Math.round(labRate),
        datagrams_sent: sent,
        kernel_drops: kernelDrops,
        lab_events: labEvents,
        page_rows: ingest.rows,
        page_seconds: round(ingest.seconds, 2),
      },
      {
        name: "ui.ingest.p95_frame_ms",
        value: round(p95(frames)),
        unit: "ms",
        baseline: null,
        ratio: null,
        goal: "<= 16.7",
        frames: frames.length,
        // The page's clock is coarsened to 0.1 ms, so a 60 Hz frame reads 16.6 to 16.8; a missed frame reads 33.3.
        frames_over_20ms: frames.filter((f) => f > 20).length,
        max_frame_ms: round(Math.max(...frames)),
      },
      { name: "ui.ingest.long_tasks", value: longTasks, unit: "count", baseline: null, ratio: null, goal: "0" },
      { name: "ui.log.1m.dom_rows", value: Math.max(domRows, scroll.maxRows), unit: "rows", baseline: null, ratio: null, goal: "<= 100", log_rows: held, fed_by: "real transport (UDP flood into a Lab socket)" },
      { name: "ui.log.1m.heap_mb", value: round(usedSize / 1024 / 1024), unit: "MB", baseline: null, ratio: null, goal: "<= 300", log_rows: held },
      {
        name: "ui.log.1m.scroll_p95_frame_ms",
        value: round(p95(scroll.intervals)),
        unit: "ms",
        baseline: null,
        ratio: null,
        goal: "<= 16.7",
        frames: scroll.intervals.length,
        frames_over_20ms: scroll.intervals.filter((f) => f > 20).length,
        scroll_px: scroll.max,
      },
    ];
  } finally {
    await browser.close();
    lab.closeAll();
    await host.close();
  }
}
