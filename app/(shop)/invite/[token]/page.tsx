import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { LinkConfirmForm } from "@/components/account/link-confirm-form";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { viewInvitation } from "@/lib/accounts";
import { linkToken } from "@/lib/accounts/contract";
import { getViewer } from "@/lib/auth";
import { pick } from "@/lib/i18n/locales";
import { acceptInvitationAction } from "../actions";

export const generateMetadata = titled("invite");
export const dynamic = "force-dynamic";

// Opening the link reads only; accepting is the button's POST. Anyone holding the link sees which cooperative
// invites and with which role (the link is the secret), and only the invited account can accept.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const raw = (await params).token;
  const parsed = linkToken.safeParse(raw);
  const token = parsed.success ? parsed.data : "";
  const viewer = await getViewer();
  const [locale, format, t, view] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopTeam"),
    viewInvitation(viewer, token),
  ]);
  const here = `/invite/${token}`;
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4" data-testid="invitation-page">
      {view.state !== "open" ? (
        <>
          <h1 className="text-xl font-bold">{t("title")}</h1>
          <Notice tone="error" testId={`invitation-${view.state}`}>
            {t(`accept.${view.state}`)}
          </Notice>
        </>
      ) : (
        <>
          <h1 className="text-xl font-bold">
            {t("accept.heading", { coop: pick(locale, view.coopNameZh, view.coopNameEn) })}
          </h1>
          <p>
            {t("accept.summary", {
              coop: pick(locale, view.coopNameZh, view.coopNameEn),
              role: t(`role.${view.role}`),
            })}
          </p>
          <p className="text-sm text-ink-500">
            {t("accept.forIdentifier", { hint: view.identifierHint, at: format.dateTime(view.expiresAt, "short") })}
          </p>
          {view.forViewer === null ? (
            <>
              <Notice tone="info" testId="invitation-sign-in">
                {t("accept.signInFirst")}
              </Notice>
              <div className="flex flex-wrap gap-2">
                <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("primary")}>
                  {t("accept.signIn")}
                </Link>
                <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("secondary")}>
                  {t("accept.signUp")}
                </Link>
              </div>
            </>
          ) : view.forViewer ? (
            <LinkConfirmForm
              action={acceptInvitationAction}
              token={token}
              label={t("accept.button")}
              testId="invitation-accept"
            />
          ) : (
            <Notice tone="error" testId="invitation-other-account">
              {t("accept.otherAccount", { hint: view.identifierHint })}
            </Notice>
          )}
        </>
      )}
    </div>
  );
}
