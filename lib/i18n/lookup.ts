/**
 * A message whose key comes from data — a status, a category, a notification kind, a field error code — through any
 * next-intl translator (useTranslations, getTranslations, createTranslator): the catalog's text, or `fallback` (the
 * key itself) when the catalog has no such key, e.g. an older row's code. Keys written in code stay typed: call
 * `t("title")`, not this.
 */
export function lookup(
  t: { has(key: never): boolean },
  key: string,
  values?: Record<string, string | number | Date>,
  fallback: string = key,
): string {
  const translate = t as unknown as ((key: string, values?: Record<string, string | number | Date>) => string) & {
    has(key: string): boolean;
  };
  return translate.has(key) ? translate(key, values) : fallback;
}
