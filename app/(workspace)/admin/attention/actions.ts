"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { acceptPaymentReview, refundPaymentReview, releaseStuckHold } from "@/lib/orders";
import { attentionOrderInput } from "@/lib/orders/contract";
import { retryRefund } from "@/lib/payments";
import { retryRefundInput } from "@/lib/payments/contract";

const done = () => revalidatePath("/admin/attention");

export const acceptReviewAction = defineAction(
  { name: "acceptReview", access: "admin", input: attentionOrderInput },
  async (input, { viewer }) => {
    const out = await acceptPaymentReview(viewer, input);
    done();
    return out;
  },
);
export const refundReviewAction = defineAction(
  { name: "refundReview", access: "admin", input: attentionOrderInput },
  async (input, { viewer }) => {
    const out = await refundPaymentReview(viewer, input);
    done();
    return out;
  },
);
export const retryRefundAction = defineAction(
  { name: "retryRefund", access: "admin", input: retryRefundInput },
  async (input, { viewer }) => {
    const out = await retryRefund(viewer, input);
    done();
    return out;
  },
);
export const releaseHoldAction = defineAction(
  { name: "releaseHold", access: "admin", input: attentionOrderInput },
  async (input, { viewer }) => {
    const out = await releaseStuckHold(viewer, input);
    done();
    return out;
  },
);
