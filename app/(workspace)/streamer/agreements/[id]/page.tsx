import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AgreementDetail } from "@/components/agreements/agreement-detail";
import { getAgreement } from "@/lib/agreements";
import { requireWorkspacePage } from "@/lib/auth";
import { isAppError } from "@/lib/core/errors";
import {
  acceptAgreementAction,
  counterAgreementAction,
  endAgreementAction,
  rejectAgreementAction,
  withdrawAgreementAction,
} from "../actions";

export const generateMetadata = titled("agreement");

export default async function StreamerAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("streamer");
  const { id } = await params;
  const agreement = await getAgreement(viewer, "streamer", id).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const t = await getTranslations("agreements");
  return (
    <div className="flex flex-col gap-4">
      <Link href="/streamer/agreements" className="text-sm text-paddy-700 underline">
        {t("back")}
      </Link>
      <AgreementDetail
        agreement={agreement}
        actions={{
          accept: acceptAgreementAction,
          reject: rejectAgreementAction,
          counter: counterAgreementAction,
          withdraw: withdrawAgreementAction,
          end: endAgreementAction,
        }}
      />
    </div>
  );
}
