import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "./_components/forgot-password-form";
import { forgotPasswordAction } from "./actions";

export const generateMetadata = titled("forgotPassword");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("accountRecovery");
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-ink-700">{t("forgotIntro")}</p>
      <ForgotPasswordForm action={forgotPasswordAction} />
      <Link href="/login" className="text-sm text-paddy-700 underline">
        {t("backToSignIn")}
      </Link>
    </div>
  );
}
