/**
 * The import rules of ARCHITECTURE.md, checked in CI (`npm run lint`).
 * Areas, low to high; an area may import only lower areas (through index.ts / contract.ts) and itself.
 */
const ranks = [
  ["core"],
  ["i18n"],
  ["db"],
  ["audit", "ledger"],
  ["auth", "events"],
  ["catalog", "stations", "payments"],
  ["inventory", "agreements", "accounts"],
  ["orders"],
  ["group-buys", "live", "joining"],
  ["finance"],
  ["reports"],
  ["system"],
];
const alt = (xs) => `(${xs.join("|")})`;

const rankRules = ranks.flatMap((areas, i) => {
  const higherOrPeer = [...ranks.slice(i + 1).flat(), ...areas];
  return areas.map((area) => ({
    name: `rank-${area}`,
    comment: `lib/${area} may not import a higher or peer area`,
    severity: "error",
    from: { path: `^lib/${area}/` },
    to: { path: `^lib/${alt(higherOrPeer.filter((a) => a !== area))}/` },
  }));
});

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "lib-not-ui",
      comment: "Nothing in lib/ imports app/ or components/",
      severity: "error",
      from: { path: "^lib/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-are-presentational",
      comment: "components/ import components, contracts, core and locale helpers only: data comes as props",
      severity: "error",
      from: { path: "^components/" },
      to: {
        path: "^lib/",
        pathNot: [
          "^lib/[^/]+/contract\\.ts$",
          // zod-free parts of a contract, for client components that must not bring zod into the page
          "^lib/catalog/contract-stock\\.ts$",
          "^lib/core/(money|errors|state-machine)\\.ts$",
          "^lib/i18n/(locales|format-day|lookup)\\.ts$",
        ],
      },
    },
    {
      name: "app-through-doors",
      comment:
        "app/ reaches lib/ only through an area's index.ts or contract.ts (never lib/db); tests beside routes may set up data",
      severity: "error",
      from: { path: "^(app|proxy\\.ts|i18n|instrumentation\\.ts)", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^lib/",
        pathNot: [
          "^lib/[^/]+/(index|contract)\\.ts$",
          "^lib/core/(errors|money|lite-http)\\.ts$",
          "^lib/i18n/(locales|messages|server|format-day|formats|lookup)\\.ts$",
          "^lib/env\\.ts$",
          "^lib/security-headers\\.ts$",
        ],
      },
    },
    {
      name: "areas-through-doors",
      comment: "an area reaches another area only through its index.ts or contract.ts",
      severity: "error",
      from: { path: "^lib/([^/]+)/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^lib/[^/]+/",
        pathNot: [
          "^lib/$1/",
          "^lib/[^/]+/(index|contract)\\.ts$",
          "^lib/core/",
          "^lib/i18n/",
          "^lib/db/(schema|types)",
        ],
      },
    },
    {
      name: "entry-is-thin",
      comment:
        "the Node entry (server.ts, server/) knows requests, not the domain: lib/core, the security headers, and the table of the routes it answers itself",
      severity: "error",
      from: { path: "^(server\\.ts$|server/)", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^(lib|app|components)/",
        pathNot: [
          "^lib/core/",
          "^lib/security-headers\\.ts$",
          "^lib/system/node-routes\\.ts$",
          "^lib/system/page-cache\\.ts$",
        ],
      },
    },
    {
      name: "db-is-low",
      comment: "lib/db depends on core and env only",
      severity: "error",
      from: { path: "^lib/db/", pathNot: "\\.test\\.ts$|^lib/db/test-db\\.ts$" },
      to: { path: "^lib/", pathNot: ["^lib/db/", "^lib/core/", "^lib/env\\.ts$"] },
    },
    {
      name: "test-helpers-stay-in-tests",
      comment: "test-db and tests/support are for tests only",
      severity: "error",
      from: { pathNot: "(\\.test\\.tsx?$|^tests/|^lib/db/test-db\\.ts$|^e2e/|^bench/)" },
      to: { path: "(^lib/db/test-db\\.ts$|^tests/)" },
    },
    ...rankRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.data)" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
