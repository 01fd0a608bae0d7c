"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  acceptAgreement,
  counterAgreement,
  endAgreement,
  proposeAgreement,
  rejectAgreement,
  withdrawAgreement,
} from "@/lib/agreements";
import { answerAgreementInput, counterAgreementInput, proposeAgreementInput } from "@/lib/agreements/contract";
import { defineAction } from "@/lib/auth";
import { releaseUncarried } from "@/lib/live";

const refresh = (id: string) => {
  revalidatePath("/streamer/agreements");
  revalidatePath(`/streamer/agreements/${id}`);
};

/** The streamer's side of 带货合作: propose, and answer the cooperative when it is the streamer's turn. */
export const proposeAgreementAction = defineAction(
  { name: "proposeAgreement", access: "streamer", input: proposeAgreementInput },
  async (input, { viewer }) => {
    const { id } = await proposeAgreement(viewer, input);
    revalidatePath("/streamer/agreements");
    redirect(`/streamer/agreements/${id}`);
  },
);
export const counterAgreementAction = defineAction(
  { name: "counterAgreementAsStreamer", access: "streamer", input: counterAgreementInput },
  async (input, { viewer }) => {
    const r = await counterAgreement(viewer, "streamer", input);
    refresh(r.id);
    return r;
  },
);
export const acceptAgreementAction = defineAction(
  { name: "acceptAgreementAsStreamer", access: "streamer", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await acceptAgreement(viewer, "streamer", input);
    refresh(r.id);
    return r;
  },
);
export const rejectAgreementAction = defineAction(
  { name: "rejectAgreementAsStreamer", access: "streamer", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await rejectAgreement(viewer, "streamer", input);
    refresh(r.id);
    return r;
  },
);
export const withdrawAgreementAction = defineAction(
  { name: "withdrawAgreement", access: "streamer", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await withdrawAgreement(viewer, input);
    refresh(r.id);
    return r;
  },
);
export const endAgreementAction = defineAction(
  { name: "endAgreementAsStreamer", access: "streamer", input: answerAgreementInput },
  async (input, { viewer }) => {
    const r = await endAgreement(viewer, "streamer", input, releaseUncarried);
    refresh(r.id);
    revalidatePath("/streamer");
    return r;
  },
);
