"use server";

import { defineAction } from "@/lib/auth";
import { adjustStock, receiveStock } from "@/lib/inventory";
import { adjustStockInput, receiveStockInput } from "@/lib/inventory/contract";
import { refreshCoopPages } from "../_lib/refresh";

export const receiveStockAction = defineAction(
  { name: "receiveStock", access: "coop", input: receiveStockInput },
  async (input, { viewer }) => {
    const result = await receiveStock(viewer, input);
    refreshCoopPages();
    return result;
  },
);

export const adjustStockAction = defineAction(
  { name: "adjustStock", access: "coop", input: adjustStockInput },
  async (input, { viewer }) => {
    const result = await adjustStock(viewer, input);
    refreshCoopPages();
    return result;
  },
);
