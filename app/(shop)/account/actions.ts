"use server";

import { changePasswordInput } from "@/lib/auth/contract";
import { changePassword, defineAction } from "@/lib/auth";

export const changePasswordAction = defineAction(
  { name: "changePassword", access: "user", input: changePasswordInput },
  async (input, { viewer }) => changePassword(viewer, input),
);
