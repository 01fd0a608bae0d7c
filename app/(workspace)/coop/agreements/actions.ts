"use server";

import { revalidatePath } from "next/cache";
import { acceptAgreement, counterAgreement, endAgreement, rejectAgreement } from "@/lib/agreements";
import { answerAgreementInput, counterAgreementInput } from "@/lib/agreements/contract";
import { defineAction } from "@/lib/auth";
import { releaseUncarried } from "@/lib/live";

const refresh = (id: string) => {
  revalidatePath("/coop/agreements");
  revalidatePath(`/coop/agreements/${id}`);
};

/** The cooperative's side of 带货合作: accept, reject or counter when its answer is due; end an active one. */
export const acceptAgreementAction = defineAction(
  { name: "acceptAgreementAsCoop", access: "coop", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await acceptAgreement(viewer, "coop", input);
    refresh(r.id);
    return r;
  },
);
export const rejectAgreementAction = defineAction(
  { name: "rejectAgreementAsCoop", access: "coop", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await rejectAgreement(viewer, "coop", input);
    refresh(r.id);
    return r;
  },
);
export const counterAgreementAction = defineAction(
  { name: "counterAgreementAsCoop", access: "coop", input: counterAgreementInput },
  async (input, { viewer }) => {
    const r = await counterAgreement(viewer, "coop", input);
    refresh(r.id);
    return r;
  },
);
export const endAgreementAction = defineAction(
  { name: "endAgreementAsCoop", access: "coop", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await endAgreement(viewer, "coop", input, releaseUncarried);
    refresh(r.id);
    return r;
  },
);
