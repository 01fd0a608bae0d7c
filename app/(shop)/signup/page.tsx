import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/contract";
import { SignUpForm } from "./_components/signup-form";
import { signUpAction } from "./actions";

export const generateMetadata = titled("signup");

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined, "/");
  if (await getViewer()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4">
      <h1 className="text-xl font-bold">{t("signUpTitle")}</h1>
      <SignUpForm action={signUpAction} callbackUrl={callbackUrl} />
      <p className="text-sm text-ink-700">
        {t("haveAccount")}{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-paddy-700 underline">
          {t("signInTitle")}
        </Link>
      </p>
    </div>
  );
}
