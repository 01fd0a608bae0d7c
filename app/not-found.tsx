import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center" data-testid="not-found">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-ink-700">{t("body")}</p>
      <Link href="/" className={buttonClass("primary")}>
        {t("back")}
      </Link>
    </div>
  );
}
