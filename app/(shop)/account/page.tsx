import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { emailStatus } from "@/lib/accounts";
import { requireViewerPage } from "@/lib/auth";
import { workspacesOf } from "@/lib/auth/contract";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ResendVerification } from "./_components/resend-verification";
import { changePasswordAction, resendVerificationAction } from "./actions";

export const generateMetadata = titled("account");

export default async function AccountPage() {
  const viewer = await requireViewerPage();
  const [t, ta, tw, tr, email, tj] = await Promise.all([
    getTranslations("account"),
    getTranslations("auth"),
    getTranslations("workspace"),
    getTranslations("accountRecovery.status"),
    emailStatus(viewer),
    getTranslations("apply"),
  ]);
  const workspaces = workspacesOf(viewer.caps);
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <p data-testid="account-name">{t("signedInAs", { name: viewer.name })}</p>
        <p className="text-sm text-ink-500">{viewer.email ?? viewer.phone}</p>
        <p className="mt-2 text-sm">
          {t("capabilities")}: {t("consumer")}
          {workspaces.map((w) => (
            <Link key={w} href={`/${w}`} className="ml-2 text-paddy-700 underline">
              {tw(w)}
            </Link>
          ))}
        </p>
      </section>
      <section className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="email-status">
        <h2 className="font-semibold">{tr("heading")}</h2>
        {!email.email ? (
          <p className="text-sm text-ink-500">{tr("noEmail")}</p>
        ) : email.verifiedAt ? (
          <p className="text-sm text-paddy-700" data-testid="email-verified">
            ✓ {tr("verified", { email: email.email })}
          </p>
        ) : (
          <>
            <p className="text-sm text-persimmon-600" data-testid="email-unverified">
              {tr("unverified", { email: email.email })}
            </p>
            <ResendVerification action={resendVerificationAction} />
          </>
        )}
      </section>
      <section className="flex flex-col gap-1 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="font-semibold">{tj("title")}</h2>
        <p className="text-sm text-ink-500">{tj("intro")}</p>
        <Link href="/apply" className="self-start text-sm text-paddy-700 underline" data-testid="account-applications">
          {tj("mine")}
        </Link>
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-3 font-semibold">{ta("changePassword")}</h2>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
    </div>
  );
}
