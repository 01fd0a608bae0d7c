"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { handOverCashRefund, receiveBatch, redeemPickupCode } from "@/lib/orders";
import { batchActionInput, cashRefundInput, redeemInput } from "@/lib/orders/contract";
import { updateStationHours } from "@/lib/stations";
import { stationHoursInput } from "@/lib/stations/contract";

export const redeemAction = defineAction(
  { name: "redeemPickupCode", access: "station", input: redeemInput },
  async (input, { viewer }) => {
    const r = await redeemPickupCode(viewer, input);
    revalidatePath("/station");
    return r;
  },
);

export const receiveBatchAction = defineAction(
  { name: "receiveBatch", access: "station", input: batchActionInput },
  async (input, { viewer }) => {
    const r = await receiveBatch(viewer, input);
    revalidatePath("/station");
    return r;
  },
);

export const updateHoursAction = defineAction(
  { name: "updateStationHours", access: "station", input: stationHoursInput },
  async (input, { viewer }) => {
    await updateStationHours(viewer, input);
    revalidatePath("/station");
  },
);

export const handOverCashRefundAction = defineAction(
  { name: "handOverCashRefund", access: "station", input: cashRefundInput },
  async (input, { viewer }) => {
    const r = await handOverCashRefund(viewer, input);
    revalidatePath("/station");
    revalidatePath("/station/earnings");
    return r;
  },
);
