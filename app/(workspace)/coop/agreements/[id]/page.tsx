import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AgreementDetail } from "@/components/agreements/agreement-detail";
import { getAgreement } from "@/lib/agreements";
import { requireWorkspacePage } from "@/lib/auth";
import { orNotFound } from "../../_lib/or-not-found";
import { acceptAgreementAction, counterAgreementAction, endAgreementAction, rejectAgreementAction } from "../actions";

export const generateMetadata = titled("agreement");

export default async function CoopAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { id } = await params;
  const agreement = await orNotFound(getAgreement(viewer, "coop", id));
  const t = await getTranslations("agreements");
  return (
    <div className="flex flex-col gap-4">
      <Link
        href={`/coop/agreements?coop=${encodeURIComponent(agreement.coopId)}`}
        className="text-sm text-paddy-700 underline"
      >
        {t("back")}
      </Link>
      <AgreementDetail
        agreement={agreement}
        actions={{
          accept: acceptAgreementAction,
          reject: rejectAgreementAction,
          counter: counterAgreementAction,
          end: endAgreementAction,
        }}
      />
    </div>
  );
}
