import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { cn } from "@/components/ui/cn";
import { requireViewerPage } from "@/lib/auth";
import { listNotifications } from "@/lib/events";
import { markAllReadAction } from "./actions";

export const generateMetadata = titled("notifications");

export default async function NotificationsPage() {
  const viewer = await requireViewerPage();
  const [format, t, items] = await Promise.all([
    getFormatter(),
    getTranslations("notifications"),
    listNotifications(viewer.userId),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        {items.some((n) => !n.read) ? (
          <ActionButton action={markAllReadAction} fields={{}} label={t("markAllRead")} variant="ghost" />
        ) : null}
      </div>
      {items.length === 0 ? <p className="text-ink-700">{t("empty")}</p> : null}
      <ul className="flex flex-col gap-2">
        {items.map((n) => {
          const body = (
            <>
              <p className={cn("font-medium", n.read && "text-ink-700")}>{t(`${n.kind}.title`, n.params)}</p>
              <p className="text-sm text-ink-500">{t(`${n.kind}.body`, n.params)}</p>
              <p className="text-xs text-ink-500">{format.dateTime(n.createdAt, "short")}</p>
            </>
          );
          return (
            <li
              key={n.id}
              className={cn("rounded-xl p-3 ring-1 ring-rice-200", n.read ? "bg-rice-50" : "bg-white")}
              data-testid="notification"
            >
              {n.link ? <Link href={n.link}>{body}</Link> : body}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
