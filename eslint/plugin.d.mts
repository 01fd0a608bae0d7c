import type { Rule } from "eslint";

declare const plugin: { rules: Record<"server-only-door" | "client-namespaces", Rule.RuleModule> };
export default plugin;
