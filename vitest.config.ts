import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    // Floods and leak checks run on their own (vitest.reliability.config.ts), last in npm test.
    exclude: ["test/reliability/**", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
    pool: "forks",
  },
});
