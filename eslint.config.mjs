import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import house from "./eslint/plugin.mjs";

const appSource = [
  "app/**/*.{ts,tsx}",
  "components/**/*.{ts,tsx}",
  "lib/**/*.{ts,tsx}",
  "i18n/**/*.ts",
  "proxy.ts",
  "server.ts",
  "server/**/*.ts",
];

const config = [
  {
    ignores: [
      ".next*/**",
      ".data/**",
      "node_modules/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "public/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle, house },
    rules: {
      // A delete or update without where empties or rewrites a whole table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "d", "sp"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "d", "sp"] }],
      "house/server-only-door": "error",
      "house/client-namespaces": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: appSource,
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            "Read configuration through env() from lib/env.ts: it validates every variable once, at build and start, so a bad value fails there and not in a request.",
        },
        {
          selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
          message:
            "sql.raw pastes text into SQL unescaped: use sql`…` with parameters (and an allowlist for identifiers such as sort columns).",
        },
      ],
      // Text from people (product descriptions, chat) must never become markup.
      "react/no-danger": "error",
    },
  },
  // The one reader of process.env; instrumentation.ts needs the literal NEXT_RUNTIME check Next looks for.
  { files: ["lib/env.ts", "instrumentation.ts"], rules: { "no-restricted-syntax": "off" } },
  {
    files: ["lib/**/contract.ts", "lib/**/contract-*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["server-only", "**/db", "**/db/*", "./queries", "./queries/*"],
              message:
                "A contract is imported by client components: no server-only code, no database. Move this to the area's index or a use case.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/actions.ts", "app/**/route.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "zod",
              allowTypeImports: true,
              message:
                "An action's or route's input schema lives in its area's contract (lib/<area>/contract.ts), where the use case's input type comes from; the transport only names it.",
            },
          ],
        },
      ],
    },
  },
  // Tests, scripts, benches and journeys run outside Next: they configure themselves from the environment.
  {
    files: ["**/*.test.ts", "tests/**", "e2e/**", "bench/**", "scripts/**", "*.config.*"],
    rules: { "no-restricted-syntax": "off" },
  },
];

export default config;
