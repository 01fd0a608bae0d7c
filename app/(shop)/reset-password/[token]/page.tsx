import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { viewResetLink } from "@/lib/accounts";
import { linkToken } from "@/lib/accounts/contract";
import { ResetPasswordForm } from "../_components/reset-password-form";
import { resetPasswordAction } from "../actions";

export const generateMetadata = titled("resetPassword");

// Opening the link reads only: whether it still works. The new password is the form's POST.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const parsed = linkToken.safeParse((await params).token);
  const token = parsed.success ? parsed.data : "";
  const [t, view] = await Promise.all([getTranslations("accountRecovery"), viewResetLink(token)]);
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4">
      <h1 className="text-xl font-bold">{t("resetTitle")}</h1>
      {view.state === "open" ? (
        <>
          <p className="text-sm text-ink-700">{t("resetIntro")}</p>
          <ResetPasswordForm action={resetPasswordAction} token={token} />
        </>
      ) : (
        <>
          <Notice tone="error" testId={`reset-link-${view.state}`}>
            {t(`link.${view.state}`)}
          </Notice>
          <Link href="/forgot-password" className="text-sm text-paddy-700 underline">
            {t("askAgain")}
          </Link>
        </>
      )}
    </div>
  );
}
