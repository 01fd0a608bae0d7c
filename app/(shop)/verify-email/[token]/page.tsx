import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LinkConfirmForm } from "@/components/account/link-confirm-form";
import { Notice } from "@/components/ui/notice";
import { viewVerifyLink } from "@/lib/accounts";
import { linkToken } from "@/lib/accounts/contract";
import { verifyEmailAction } from "../actions";

export const generateMetadata = titled("verifyEmail");

// Opening the link (a mail scanner may fetch it too) writes nothing: the confirm button's POST does.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const parsed = linkToken.safeParse((await params).token);
  const token = parsed.success ? parsed.data : "";
  const [t, view] = await Promise.all([getTranslations("accountRecovery"), viewVerifyLink(token)]);
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4">
      <h1 className="text-xl font-bold">{t("verifyTitle")}</h1>
      {view.state === "open" ? (
        <>
          <p className="text-sm text-ink-700">{t("verifyIntro", { email: view.email ?? "" })}</p>
          <LinkConfirmForm
            action={verifyEmailAction}
            token={token}
            label={t("verifyButton")}
            successNote={<span data-testid="verify-email-done">{t("verified")}</span>}
            testId="verify-email-confirm"
          />
        </>
      ) : (
        <Notice tone="error" testId={`verify-link-${view.state}`}>
          {t(`verifyLink.${view.state}`)}
        </Notice>
      )}
      <Link href="/account" className="text-sm text-paddy-700 underline">
        {t("status.toAccount")}
      </Link>
    </div>
  );
}
