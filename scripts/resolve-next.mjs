// Lets plain Node (scripts such as the sweep CLI) load the app's server code: Next's subpaths are imported
// without an extension ("next/server"), which bundlers resolve but Node's ESM resolver does not, and
// `server-only` (a guard for bundles) is a no-op outside them.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  if (/^next\\/[a-z-]+$/.test(specifier)) return next(specifier + ".js", context);
  return next(specifier, context);
}`),
  import.meta.url,
);
