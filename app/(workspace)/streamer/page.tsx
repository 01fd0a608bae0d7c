import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";

export default async function StreamerWorkspacePage() {
  const viewer = await requireWorkspacePage("streamer");
  const t = await getTranslations("streamerWs");
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-streamer">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-ink-700">{t("welcome", { name: viewer.name })}</p>
    </div>
  );
}
