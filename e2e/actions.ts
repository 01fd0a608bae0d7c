import fs from "node:fs";
import path from "node:path";
import type { HttpClient, HttpResponse } from "./http";

export interface ManifestAction {
  id: string;
  file: string;
  name: string;
  /** Pages whose bundle carries the action, e.g. "app/(shop)/cart/page". */
  workers: string[];
}

/** Every server action of the build, from Next's server-reference manifest. */
export function buildActions(distDir = process.env.NEXT_DIST_DIR || ".next"): ManifestAction[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({
    id,
    file: a.filename ?? "?",
    name: a.exportedName ?? "?",
    workers: Object.keys(a.workers),
  }));
}

export function actionId(file: string, name: string): ManifestAction {
  const found = buildActions().find((a) => a.file === file && a.name === name);
  if (!found) throw new Error(`no server action ${name} in ${file} in this build`);
  return found;
}

/** "app/(shop)/orders/[number]/page" → "/orders/<params.number>". */
export function pagePath(worker: string, params: Record<string, string> = {}): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]+\)/g, "");
  return (route.replace(/\[([^\]]+)\]/g, (_, k: string) => params[k] ?? "x") || "/").replace(/\/+/g, "/");
}

export interface ActionOutcome {
  http: HttpResponse;
  /** The action's return value (our ActionResult), when the response carried one. */
  result: { ok: boolean; code?: string; fields?: Record<string, string[]>; data?: unknown } | null;
}

/** The value an action returned, out of the RSC (Flight) response: row 0 says which row (`"a":"$@N"`) holds it. */
export function actionResult(body: string): ActionOutcome["result"] {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  const raw = ref ? rows.get(ref) : undefined;
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ActionOutcome["result"];
  } catch {
    return null;
  }
}

/** Posts a server action the way Next's client does (text/plain JSON args) from the client's session. */
export async function callAction(
  client: HttpClient,
  action: ManifestAction,
  args: unknown[],
  opts: { path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<ActionOutcome> {
  const http = await client.request("POST", opts.path ?? pagePath(action.workers[0]!), {
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      origin: client.base,
      accept: "text/x-component",
      ...(opts.headers ?? {}),
    },
    body: opts.body ?? JSON.stringify(args),
  });
  return { http, result: actionResult(http.body) };
}

/**
 * Posts a form-bound action (useActionState: `(prevState, formData)`) the way React encodes it: the form's fields
 * under the `_1_` prefix, then the root row `[null,"$K1"]` last (the decoder resolves the root as it streams in).
 */
export async function callFormAction(
  client: HttpClient,
  action: ManifestAction,
  fields: [string, string][],
  opts: { path?: string } = {},
): Promise<ActionOutcome> {
  const boundary = `----elian${Math.random().toString(16).slice(2)}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = [...fields.map(([k, v]) => part(`_1_${k}`, v)), part("0", '[null,"$K1"]'), `--${boundary}--\r\n`].join(
    "",
  );
  const http = await client.request("POST", opts.path ?? pagePath(action.workers[0]!), {
    headers: {
      "next-action": action.id,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      origin: client.base,
      accept: "text/x-component",
    },
    body,
  });
  return { http, result: actionResult(http.body) };
}

/** The path an action redirected to (Next answers a fetch action's redirect with x-action-redirect). */
export function redirectedTo(out: ActionOutcome): string {
  const header = out.http.headers["x-action-redirect"];
  const target = (Array.isArray(header) ? header[0] : header)?.split(";")[0];
  if (!target) throw new Error(`expected a redirect, got ${out.http.status} ${JSON.stringify(out.result)}`);
  return target;
}

export function ok(out: ActionOutcome, what: string): unknown {
  if (!out.result?.ok) throw new Error(`${what}: ${out.http.status} ${JSON.stringify(out.result)}`);
  return out.result.data;
}

/** Calls an action by its file and export name, from the client's session. */
export async function act(c: HttpClient, file: string, name: string, input: Record<string, unknown>, page?: string) {
  return callAction(c, actionId(file, name), [input], page ? { path: page } : {});
}
