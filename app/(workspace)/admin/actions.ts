"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, setUserStatus } from "@/lib/auth";

export const setUserStatusAction = defineAction(
  {
    name: "setUserStatus",
    access: "admin",
    input: z.strictObject({ userId: z.string().min(1).max(64), status: z.enum(["active", "suspended"]) }),
  },
  async ({ userId, status }, { viewer }) => {
    await setUserStatus(viewer, userId, status);
    revalidatePath("/admin");
  },
);
