import { AppError, type FieldErrors } from "../core/errors";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 20;

/**
 * Refuses, before any schema sees it, input that no form of ours produces and that would otherwise surface as a
 * 500 or slip past a strict schema: a NUL byte in any string (PostgreSQL rejects it in text), a `__proto__` /
 * `constructor` / `prototype` key (prototype pollution; zod's strict objects do not flag an own `__proto__`),
 * and nesting deeper than any of our inputs. VALIDATION names the offending fields.
 */
export function assertCleanInput(value: unknown): void {
  // A Map, not an object: the offending key may itself be "__proto__".
  const found = new Map<string, string[]>();
  const flag = (at: string, why: string) => found.set(at, [...(found.get(at) ?? []), why]);
  const walk = (v: unknown, path: string, depth: number) => {
    if (typeof v === "string") {
      if (v.includes("\0")) flag(path || "_", "invalid_characters");
      return;
    }
    if (v === null || typeof v !== "object" || v instanceof Blob) return;
    if (depth > MAX_DEPTH) {
      flag(path || "_", "too_deep");
      return;
    }
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) flag(at, "unknown_field");
      else walk((v as Record<string, unknown>)[key], at, depth + 1);
    }
  };
  walk(value, "", 0);
  if (found.size)
    throw new AppError("VALIDATION", "input refused before parsing", {
      fields: Object.fromEntries(found) as FieldErrors,
    });
}
