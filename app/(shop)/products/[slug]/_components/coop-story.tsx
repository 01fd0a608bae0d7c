import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ProductPageDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

/** Who grew it: the cooperative's story, with the way to its page. */
export function CoopStory({ coop, locale }: { coop: ProductPageDto["coop"]; locale: Locale }) {
  const t = useTranslations("productPage");
  const name = pick(locale, coop.nameZh, coop.nameEn);
  return (
    <section
      className="flex gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
      aria-labelledby="coop-story-title"
      data-testid="coop-story"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs and uploads; no optimizer needed */}
      <img
        src={coop.imagePath ?? "/images/placeholder.svg"}
        alt=""
        width={64}
        height={64}
        className="size-16 shrink-0 rounded-lg bg-rice-100 object-cover"
      />
      <div className="flex min-w-0 flex-col gap-1">
        <h2 id="coop-story-title" className="text-xs text-ink-500">
          {t("grownBy")}
        </h2>
        <p className="font-semibold">{name}</p>
        <p className="text-xs text-ink-500">{pick(locale, coop.villageZh, coop.villageEn)}</p>
        <p className="line-clamp-4 text-sm whitespace-pre-line text-ink-700">
          {pick(locale, coop.storyZh, coop.storyEn)}
        </p>
        <Link
          href={`/coops/${coop.slug}`}
          className="mt-1 self-start text-sm font-medium text-paddy-700 hover:underline"
          data-testid="coop-link"
        >
          {t("coopStoryLink", { name })}
        </Link>
      </div>
    </section>
  );
}
