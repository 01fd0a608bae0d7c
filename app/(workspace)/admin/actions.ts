"use server";

import { revalidatePath } from "next/cache";
import { defineAction, setUserStatus } from "@/lib/auth";
import { setUserStatusInput } from "@/lib/auth/contract";

export const setUserStatusAction = defineAction(
  { name: "setUserStatus", access: "admin", input: setUserStatusInput },
  async ({ userId, status }, { viewer }) => {
    await setUserStatus(viewer, userId, status);
    revalidatePath("/admin");
  },
);
