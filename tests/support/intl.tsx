import fs from "node:fs";
import path from "node:path";
import { render, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";
import { formats, TIME_ZONE } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locales";

const loaded = new Map<Locale, Record<string, unknown>>();

/** The real catalogs (messages/<locale>/<namespace>.json), read the way the app reads them. */
export function messagesFor(locale: Locale): Record<string, unknown> {
  let out = loaded.get(locale);
  if (!out) {
    const dir = path.join(process.cwd(), "messages", locale);
    out = {};
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith(".json")) out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    }
    loaded.set(locale, out);
  }
  return out;
}

/** Renders a client component inside next-intl's provider, as the app's layout does (Shanghai time). */
export function renderWithIntl(
  ui: ReactElement,
  { locale = "zh-CN", ...options }: Omit<RenderOptions, "wrapper"> & { locale?: Locale } = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} formats={formats} timeZone={TIME_ZONE}>
      {children}
    </NextIntlClientProvider>
  );
  return render(ui, { wrapper, ...options });
}
