// `npm test`: every check CI runs, in order, ending with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const REPORTS = "test-results";
mkdirSync(REPORTS, { recursive: true });
// Reports of an earlier run must not be counted as this run's.
for (const report of ["vitest.json", "reliability.json", "playwright.json"]) rmSync(`${REPORTS}/${report}`, { force: true });

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", process.env.CHROMIUM_PATH].find((p) => p && existsSync(p));
if (!chromium && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
  console.error("npm test: no Chromium found: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.");
  process.exit(1);
}

function firstLine(text) {
  // Playwright and Vitest colour their messages; the summary is plain text.
  const plain = stripVTControlCharacters(String(text ?? ""));
  return plain.split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 240) ?? "";
}

function collectPlaywrightFailures(suite, into) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === "unexpected" || test.status === "flaky") {
        const error = test.results?.find((r) => r.status !== "passed")?.error?.message;
        into.push(`${spec.file}:${spec.line} › ${spec.title}${test.status === "flaky" ? " (flaky)" : ""}: ${firstLine(error)}`);
      }
    }
  }
  for (const child of suite.suites ?? []) collectPlaywrightFailures(child, into);
}

const npx = "npx";
const steps = [
  ["lint", () => run("lint", npx, ["eslint", "."])],
  ["knip", () => run("unused files, exports and dependencies (knip)", npx, ["knip"])],
  ["cycles", () => run("import cycles (dependency-cruiser)", "npm", ["run", "--silent", "cycles"])],
  ["typecheck", () => run("typecheck", "npm", ["run", "--silent", "typecheck"])],
  ["build", () => run("build", npx, ["electron-vite", "build"])],
  ["unit", () => run("unit and integration tests (Vitest)", npx, ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`])],
  ["e2e", () => run("end-to-end tests (Playwright, Chromium)", npx, ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` })],
  [
    "reliability",
    () =>
      run("reliability: fuzzing, leaks, floods (Vitest)", npx, [
        "vitest",
        "run",
        "--config",
        "vitest.reliability.config.ts",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${REPORTS}/reliability.json`,
      ]),
  ],
];

const failedSteps = [];
for (const [name, step] of steps) {
  if (!step()) failedSteps.push(name);
  // Without a build there is nothing for the end-to-end tests to serve.
  if (name === "build" && failedSteps.includes("build")) break;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of ["vitest.json", "reliability.json"]) {
  const vitest = readJson(`${REPORTS}/${report}`);
  if (!vitest) continue;
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const playwright = readJson(`${REPORTS}/playwright.json`);
if (playwright?.stats) {
  passed += playwright.stats.expected ?? 0;
  failed += (playwright.stats.unexpected ?? 0) + (playwright.stats.flaky ?? 0);
  skipped += playwright.stats.skipped ?? 0;
}

// CI shows only the end of the output: name every failure there, with its first line.
const failures = [];
for (const report of ["vitest.json", "reliability.json"]) {
  for (const file of readJson(`${REPORTS}/${report}`)?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed") failures.push(`${file.name.replace(`${process.cwd()}/`, "")} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}
for (const suite of playwright?.suites ?? []) collectPlaywrightFailures(suite, failures);
if (failures.length > 0) console.log(`\nfailed tests:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(", ")}`);
if (failed === 0 && failedSteps.length > 0) failed = failedSteps.length;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1);
