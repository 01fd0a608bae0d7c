import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { getViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/contract";
import { LoginForm } from "./_components/login-form";
import { signInAction } from "./actions";

export const generateMetadata = titled("login");

const demoAccounts = [
  "buyer@example.com",
  "coop@example.com",
  "streamer@example.com",
  "station@example.com",
  "admin@example.com",
];

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined, "/");
  if (await getViewer()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const te = await getTranslations("errors");
  const tr = await getTranslations("accountRecovery");
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4">
      <h1 className="text-xl font-bold">{t("signInTitle")}</h1>
      {sp.signedOut ? <Notice tone="success">{t("signedOut")}</Notice> : null}
      {sp.reset ? (
        <Notice tone="success" testId="password-reset-done">
          {tr("resetDone")}
        </Notice>
      ) : null}
      {!sp.signedOut && callbackUrl !== "/" ? (
        <Notice tone="info" testId="sign-in-reason">
          {callbackUrl.startsWith("/checkout") ? t("signInToCheckout") : t("signInToContinue")}
        </Notice>
      ) : null}
      {sp.error ? (
        <Notice tone="error">
          {sp.code === "rate_limited" ? te("RATE_LIMITED", { seconds: 300 }) : te("INVALID_CREDENTIALS")}
        </Notice>
      ) : null}
      <LoginForm action={signInAction} callbackUrl={callbackUrl} />
      <Link
        href="/forgot-password"
        className="self-start text-sm text-paddy-700 underline"
        data-testid="forgot-password-link"
      >
        {tr("forgotLink")}
      </Link>
      <p className="text-sm text-ink-700">
        {t("noAccount")}{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-paddy-700 underline">
          {t("signUpTitle")}
        </Link>
      </p>
      <details className="rounded-lg bg-white p-3 text-sm ring-1 ring-rice-200">
        <summary className="cursor-pointer text-ink-700">{t("demoAccounts")}</summary>
        <ul className="mt-2 list-disc pl-5 font-mono text-xs">
          {demoAccounts.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
