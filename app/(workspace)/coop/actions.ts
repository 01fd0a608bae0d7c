"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { archiveVariant, changeProductStatus, createProduct, createVariant, updateProduct, updateVariant } from "@/lib/catalog";
import { adjustStock, receiveStock } from "@/lib/inventory";

// Each use case parses its own input strictly; the actions forward the form as it came.
const form = z.record(z.string(), z.unknown());
const spec = (name: string) => ({ name, access: "coop" as const, input: form });
const refresh = (productId?: unknown) => {
  revalidatePath("/coop");
  if (typeof productId === "string") revalidatePath(`/coop/products/${productId}`);
};

export const createProductAction = defineAction(spec("createProduct"), async (input, { viewer }) => {
  const { id } = await createProduct(viewer, input);
  redirect(`/coop/products/${id}?created=1`);
});

export const updateProductAction = defineAction(spec("updateProduct"), async (input, { viewer }) => {
  await updateProduct(viewer, input);
  refresh(input.productId);
});

export const changeProductStatusAction = defineAction(spec("changeProductStatus"), async (input, { viewer }) => {
  await changeProductStatus(viewer, input);
  refresh(input.productId);
});

export const createVariantAction = defineAction(spec("createVariant"), async ({ productId, ...input }, { viewer }) => {
  await createVariant(viewer, { productId, ...input });
  refresh(productId);
});

export const updateVariantAction = defineAction(spec("updateVariant"), async ({ productId, ...input }, { viewer }) => {
  await updateVariant(viewer, input);
  refresh(productId);
});

export const archiveVariantAction = defineAction(spec("archiveVariant"), async ({ productId, ...input }, { viewer }) => {
  await archiveVariant(viewer, input);
  refresh(productId);
});

export const receiveStockAction = defineAction(spec("receiveStock"), async ({ productId, ...input }, { viewer }) => {
  const r = await receiveStock(viewer, input);
  refresh(productId);
  return r;
});

export const adjustStockAction = defineAction(spec("adjustStock"), async ({ productId, ...input }, { viewer }) => {
  const r = await adjustStock(viewer, input);
  refresh(productId);
  return r;
});
