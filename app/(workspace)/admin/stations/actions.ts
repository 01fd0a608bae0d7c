"use server";

import { revalidatePath } from "next/cache";
import { defineAction, grantMembership, revokeMembership } from "@/lib/auth";
import { revokeMembershipInput, stationManagerInput } from "@/lib/auth/contract";
import { createStation, setStationStatus, updateStation } from "@/lib/stations";
import { createStationInput, stationStatusInput, updateStationInput } from "@/lib/stations/contract";

const done = () => revalidatePath("/admin/stations");

export const createStationAction = defineAction(
  { name: "createStation", access: "admin", input: createStationInput },
  async (input, { viewer }) => {
    await createStation(viewer, input);
    done();
  },
);
export const updateStationAction = defineAction(
  { name: "updateStation", access: "admin", input: updateStationInput },
  async (input, { viewer }) => {
    await updateStation(viewer, input);
    done();
  },
);
export const setStationStatusAction = defineAction(
  { name: "setStationStatus", access: "admin", input: stationStatusInput },
  async (input, { viewer }) => {
    await setStationStatus(viewer, input);
    done();
  },
);
export const assignManagerAction = defineAction(
  { name: "assignManager", access: "admin", input: stationManagerInput },
  async (input, { viewer }) => {
    await grantMembership(viewer, { ...input, kind: "station" });
    done();
  },
);
export const removeManagerAction = defineAction(
  { name: "removeManager", access: "admin", input: revokeMembershipInput },
  async (input, { viewer }) => {
    await revokeMembership(viewer, input);
    done();
  },
);
