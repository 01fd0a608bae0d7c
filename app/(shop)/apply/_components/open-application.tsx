import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import type { ApplicationDto } from "@/lib/joining/contract";

/** Shown above a kind's form: a pending application stops the form; a rejected one says why before it is corrected. */
export async function OpenApplicationNote({ application }: { application: ApplicationDto | undefined }) {
  const t = await getTranslations("apply");
  if (!application) return null;
  if (application.status === "pending")
    return (
      <Notice testId="application-pending">
        {t("underReview")}{" "}
        <Link href="/apply" className="underline">
          {t("seeStatus")}
        </Link>
      </Notice>
    );
  return (
    <Notice tone="error" testId="reject-reason">
      {t("reason", { reason: application.rejectReason ?? "" })} {t("correctBelow")}
    </Notice>
  );
}

export function openOf<K extends ApplicationDto["kind"]>(
  mine: ApplicationDto[],
  kind: K,
): Extract<ApplicationDto, { kind: K }> | undefined {
  return mine.find((a) => a.kind === kind && (a.status === "pending" || a.status === "rejected")) as
    Extract<ApplicationDto, { kind: K }> | undefined;
}
