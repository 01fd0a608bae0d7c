import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import plugin from "./plugin.mjs";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
const tester = new RuleTester({
  languageOptions: { ecmaVersion: 2022, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
});
const cwd = process.cwd();

tester.run("server-only-door", plugin.rules["server-only-door"], {
  valid: [
    { code: 'import "server-only";\nexport { a } from "./a";', filename: `${cwd}/lib/orders/index.ts` },
    { code: "export const x = 1;", filename: `${cwd}/lib/orders/place-order.ts` },
  ],
  invalid: [
    { code: 'export { a } from "./a";', filename: `${cwd}/lib/orders/index.ts`, errors: [{ messageId: "missing" }] },
    {
      code: 'import x from "y";\nimport "server-only";',
      filename: `${cwd}/lib/db/client.ts`,
      errors: [{ messageId: "missing" }],
    },
  ],
});

tester.run("client-namespaces", plugin.rules["client-namespaces"], {
  valid: [
    { code: '"use client";\nconst t = useTranslations("live");', filename: `${cwd}/components/live/x.tsx` },
    { code: 'const t = useTranslations("orders");', filename: `${cwd}/app/page.tsx` },
  ],
  invalid: [
    {
      code: '"use client";\nconst t = useTranslations("orders");',
      filename: `${cwd}/components/x.tsx`,
      errors: [{ messageId: "notSent" }],
    },
  ],
});
