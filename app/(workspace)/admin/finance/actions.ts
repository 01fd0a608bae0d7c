"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { recordRemittance, runPayouts, setPlatformFee, setStationCommission, settleManualPayout } from "@/lib/finance";
import {
  recordRemittanceInput,
  runPayoutsInput,
  setPlatformFeeInput,
  setStationCommissionInput,
  settleManualPayoutInput,
} from "@/lib/finance/contract";

const refresh = () => revalidatePath("/admin/finance");

export const runPayoutsAction = defineAction(
  { name: "runPayouts", access: "admin", input: runPayoutsInput },
  async (_input, { viewer }) => {
    const result = await runPayouts(viewer);
    refresh();
    return result;
  },
);

export const settleManualPayoutAction = defineAction(
  { name: "settleManualPayout", access: "admin", input: settleManualPayoutInput },
  async (input, { viewer }) => {
    const result = await settleManualPayout(viewer, input);
    refresh();
    return result;
  },
);

export const recordRemittanceAction = defineAction(
  { name: "recordRemittance", access: "admin", input: recordRemittanceInput },
  async (input, { viewer }) => {
    const result = await recordRemittance(viewer, input);
    refresh();
    return result;
  },
);

export const setStationCommissionAction = defineAction(
  { name: "setStationCommission", access: "admin", input: setStationCommissionInput },
  async (input, { viewer }) => {
    const result = await setStationCommission(viewer, input);
    refresh();
    return result;
  },
);

export const setPlatformFeeAction = defineAction(
  { name: "setPlatformFee", access: "admin", input: setPlatformFeeInput },
  async (input, { viewer }) => {
    const result = await setPlatformFee(viewer, input);
    refresh();
    return result;
  },
);
