import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside React Server Components; tests run the server code directly.
      { find: /^server-only$/, replacement: `${root}tests/support/empty.ts` },
    ],
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
      "server/**/*.test.ts",
      "components/**/*.test.ts",
      "eslint/**/*.test.ts",
      // Component tests (Testing Library): each starts with `// @vitest-environment jsdom`; the rest run in node.
      "components/**/*.test.tsx",
      "app/**/*.test.tsx",
    ],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", SEED_DEMO: "0", LOG_LEVEL: "warn" },
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
  },
});
