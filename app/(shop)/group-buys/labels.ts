import { getLocale, getTranslations } from "next-intl/server";
import type { CampaignCardLabels } from "@/components/group-buy/campaign-card";
import { formatDay } from "@/lib/i18n/format-day";

export async function campaignCardLabels(): Promise<CampaignCardLabels> {
  const [t, locale] = await Promise.all([getTranslations("groupBuys"), getLocale()]);
  return {
    progress: (sold, cap) => t("progress", { sold, cap }),
    pickup: (day) => t("pickupOn", { day: formatDay(day, locale) }),
    closesIn: t("closesIn"),
    closed: t("closed"),
    minimum: (n) => t("minimum", { n }),
  };
}
