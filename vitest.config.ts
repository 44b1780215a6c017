import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/no-openrouter-env.ts"],
    // Two files at a time even on a 2-core machine (vitest's default there is one): most tests wait on
    // child processes (Prism, Chromium, tsc, servers), so the suite takes about 30% less time.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "test/tsconfig.json" },
  },
});
