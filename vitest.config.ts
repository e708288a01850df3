import { defineConfig } from "vitest/config";

// Three projects: Node code against a real redis-server, renderer components in jsdom, and browser
// end-to-end tests driving the machine's Chromium against `npm run web`'s server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["src-main/**/*.test.ts", "src-shared/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "renderer",
          environment: "jsdom",
          include: ["src-renderer/**/*.test.{ts,tsx}"],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
