/**
 * The house rules no stock lint rule states (eslint.config.mjs turns them on, each message says why).
 */
import fs from "node:fs";
import path from "node:path";

const relative = (context) => path.relative(context.cwd, context.filename).split(path.sep).join("/");

/** lib/<area>/index.ts, lib/db/client.ts and lib/auth/next-auth.ts are server-only doors. */
const serverOnlyDoor = {
  meta: {
    type: "problem",
    messages: {
      missing:
        'A server door must start with `import "server-only";`: without it a client component could import the database or secrets by accident and Next would bundle them for the browser.',
    },
    schema: [],
  },
  create(context) {
    const file = relative(context);
    if (!/^lib\/[^/]+\/index\.ts$/.test(file) && !/^lib\/(db\/client|auth\/next-auth)\.ts$/.test(file)) return {};
    return {
      Program(node) {
        const first = node.body[0];
        const ok =
          first?.type === "ImportDeclaration" && first.source.value === "server-only" && first.specifiers.length === 0;
        if (!ok) context.report({ node: first ?? node, messageId: "missing" });
      },
    };
  },
};

let clientNamespaces;
function allowedNamespaces(cwd) {
  if (!clientNamespaces) {
    const src = fs.readFileSync(path.join(cwd, "lib/i18n/messages.ts"), "utf8");
    const listed = /CLIENT_NAMESPACES = \[([^\]]*)\]/.exec(src)?.[1] ?? "";
    clientNamespaces = new Set([...listed.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]));
  }
  return clientNamespaces;
}

/** A client component may read only the namespaces sent to the browser with every page. */
const clientNamespacesRule = {
  meta: {
    type: "problem",
    messages: {
      notSent:
        'useTranslations("{{ns}}") in a client component, but "{{ns}}" is not in CLIENT_NAMESPACES (lib/i18n/messages.ts): its messages never reach the browser, so the component would show raw keys. Add it to the list (or read it on the server and pass the text down).',
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode.getText();
    if (!/^\s*["']use client["']/.test(source)) return {};
    const allowed = allowedNamespaces(context.cwd);
    return {
      CallExpression(node) {
        if (node.callee.type !== "Identifier" || node.callee.name !== "useTranslations") return;
        const arg = node.arguments[0];
        if (arg?.type === "Literal" && typeof arg.value === "string" && !allowed.has(arg.value.split(".")[0])) {
          context.report({ node: arg, messageId: "notSent", data: { ns: arg.value } });
        }
      },
    };
  },
};

const plugin = { rules: { "server-only-door": serverOnlyDoor, "client-namespaces": clientNamespacesRule } };
export default plugin;
