import { defineConfig } from "vitest/config";

/**
 * `npm run test:reliability`: fuzzing, leak, concurrency and flood tests
 * (test/reliability). Files are *.reliability.ts so the unit run
 * (vitest.config.ts, *.test.ts) never picks them up.
 *
 * One file at a time: they count this process's fds and RSS, and a flood
 * next to a leak test would disturb both. Each file gets its own fork, run
 * with --expose-gc so memory is measured after a full collection.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.reliability.ts"],
    environment: "node",
    pool: "forks",
    execArgv: ["--expose-gc"],
    isolate: true,
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
