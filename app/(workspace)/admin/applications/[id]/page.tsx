import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ApplicationStatusBadge } from "@/components/joining/application-status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { requireWorkspacePage } from "@/lib/auth";
import { isAppError } from "@/lib/core/errors";
import { getApplicationForAdmin } from "@/lib/joining";
import { applicationTitle, type AdminApplicationDto } from "@/lib/joining/contract";
import { approveApplicationAction, rejectApplicationAction, setJoinedStatusAction } from "../actions";
import { RejectForm } from "../_components/reject-form";

export const generateMetadata = titled("adminApplication");

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3">
      <dt className="text-sm text-ink-500">{label}</dt>
      <dd className="text-sm break-words whitespace-pre-wrap sm:col-span-2">{children}</dd>
    </div>
  );
}

function Documents({ paths, label }: { paths: string[]; label: string }) {
  return (
    <ul className="flex flex-wrap gap-2">
      {paths.map((p, i) => (
        <li key={p}>
          <a href={p} target="_blank" rel="noreferrer" data-testid="application-document">
            {/* eslint-disable-next-line @next/next/no-img-element -- a stored upload, already small */}
            <img src={p} alt={`${label} ${i + 1}`} className="size-28 rounded-lg object-cover ring-1 ring-rice-200" />
          </a>
        </li>
      ))}
    </ul>
  );
}

async function Details({ a }: { a: AdminApplicationDto }) {
  const [t, tc] = await Promise.all([getTranslations("apply"), getTranslations("categories")]);
  switch (a.kind) {
    case "coop":
      return (
        <>
          <Row label={t("coop.legalName")}>{a.details.legalName}</Row>
          <Row label={t("coop.uscc")}>
            <span className="font-mono">{a.details.uscc}</span>
          </Row>
          <Row label={t("coop.townZh")}>
            {a.details.townZh} · {a.details.villageZh}
          </Row>
          <Row label={t("coop.contactName")}>
            {a.details.contactName} · {a.details.contactPhone}
          </Row>
          <Row label={t("coop.description")}>{a.details.description}</Row>
          <Row label={t("coop.categories")}>{a.details.categories.map((c) => tc(c)).join("、")}</Row>
          <Row label={t("coop.licence")}>
            <Documents paths={[a.details.licence]} label={t("coop.licence")} />
          </Row>
          <Row label={t("coop.photos")}>
            {a.details.photos.length ? <Documents paths={a.details.photos} label={t("coop.photos")} /> : "—"}
          </Row>
        </>
      );
    case "streamer":
      return (
        <>
          <Row label={t("streamer.displayName")}>{a.details.displayName}</Row>
          <Row label={t("streamer.bio")}>{a.details.bio}</Row>
          <Row label={t("streamer.channelLinks")}>
            <ul>
              {a.details.channelLinks.map((l) => (
                <li key={l}>
                  <a href={l} target="_blank" rel="noreferrer nofollow" className="text-paddy-700 underline">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          </Row>
          <Row label={t("streamer.interests")}>{a.details.interests}</Row>
        </>
      );
    case "station":
      return (
        <>
          <Row label={t("station.shopName")}>{a.details.shopName}</Row>
          <Row label={t("station.address")}>
            {a.details.town} · {a.details.address}
          </Row>
          <Row label={t("station.phone")}>{a.details.phone}</Row>
          <Row label={t("station.lat")}>
            {a.details.lat}, {a.details.lng}
          </Row>
          <Row label={t("station.opensAt")}>
            {a.details.opensAt}–{a.details.closesAt}
          </Row>
          <Row label={t("station.dailyCapacity")}>{a.details.dailyCapacity}</Row>
        </>
      );
  }
}

export default async function AdminApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("admin");
  const { id } = await params;
  const a = await getApplicationForAdmin(viewer, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [t, ta, format] = await Promise.all([getTranslations("adminReview"), getTranslations("apply"), getFormatter()]);
  return (
    <div className="flex flex-col gap-4" data-testid="admin-application">
      <Link href="/admin/applications" className="text-sm text-paddy-700 underline">
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-bold">{applicationTitle(a)}</h1>
        <ApplicationStatusBadge status={a.status}>{ta(`status.${a.status}`)}</ApplicationStatusBadge>
      </div>
      <dl className="divide-y divide-rice-200 rounded-xl bg-white px-4 ring-1 ring-rice-200">
        <Row label={t("kind")}>{ta(`kinds.${a.kind}`)}</Row>
        <Row label={t("applicant")}>
          {a.applicant.name} · {a.applicant.email ?? a.applicant.phone}
        </Row>
        <Row label={t("submitted")}>
          {ta("submittedAt", { at: format.dateTime(a.submittedAt, "short"), revision: a.revision })}
        </Row>
        <Details a={a} />
        {a.rejectReason ? <Row label={t("reason")}>{a.rejectReason}</Row> : null}
        {a.reviewedAt ? <Row label={t("reviewedAt")}>{format.dateTime(a.reviewedAt, "short")}</Row> : null}
      </dl>
      {a.status === "pending" ? (
        <section className="flex flex-col gap-4 rounded-xl bg-white p-4 ring-1 ring-rice-200">
          <div data-testid="approve-application">
            <ActionButton
              action={approveApplicationAction}
              fields={{ applicationId: a.id }}
              label={t("approve")}
              variant="primary"
              confirm={t("approveConfirm")}
              successNote={t("approved")}
            />
          </div>
          <RejectForm action={rejectApplicationAction} applicationId={a.id} />
        </section>
      ) : null}
      {a.joined ? (
        <section
          className="flex flex-wrap items-center gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
          data-testid="joined-status"
          data-status={a.joined.status}
        >
          <p className="flex-1 text-sm">{t(`joined.${a.joined.status}`)}</p>
          <div data-testid={a.joined.status === "active" ? "suspend-joined" : "reinstate-joined"}>
            <ActionButton
              action={setJoinedStatusAction}
              fields={{
                kind: a.joined.kind,
                id: a.joined.id,
                status: a.joined.status === "active" ? "suspended" : "active",
              }}
              label={a.joined.status === "active" ? t("suspend") : t("reinstate")}
              variant={a.joined.status === "active" ? "danger" : "secondary"}
              confirm={a.joined.status === "active" ? t("suspendConfirm") : undefined}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
