import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: drizzle-kit diffs lib/db/schema against drizzle/meta.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
