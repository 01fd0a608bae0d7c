import { getTranslations } from "next-intl/server";
import type { CampaignCardLabels } from "@/components/group-buy/campaign-card";

export async function campaignCardLabels(): Promise<CampaignCardLabels> {
  const t = await getTranslations("groupBuys");
  return {
    progress: (sold, cap) => t("progress", { sold, cap }),
    pickup: (day) => t("pickupOn", { day }),
    closesIn: t("closesIn"),
    closed: t("closed"),
    minimum: (n) => t("minimum", { n }),
  };
}
