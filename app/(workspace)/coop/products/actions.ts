"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth";
import {
  addVariant,
  archiveVariant,
  changeProductStatus,
  createProduct,
  updateProduct,
  updateVariant,
} from "@/lib/catalog";
import {
  addVariantInput,
  archiveVariantInput,
  changeProductStatusInput,
  createProductInput,
  updateProductInput,
  updateVariantInput,
} from "@/lib/catalog/contract";
import { refreshCoopPages } from "../_lib/refresh";

export const createProductAction = defineAction(
  { name: "createProduct", access: "coop", input: createProductInput },
  async (input, { viewer }) => {
    const { id } = await createProduct(viewer, input);
    refreshCoopPages();
    redirect(`/coop/products/${id}?created=1`);
  },
);

export const updateProductAction = defineAction(
  { name: "updateProduct", access: "coop", input: updateProductInput },
  async (input, { viewer }) => {
    await updateProduct(viewer, input);
    refreshCoopPages();
  },
);

export const changeProductStatusAction = defineAction(
  { name: "changeProductStatus", access: "coop", input: changeProductStatusInput },
  async (input, { viewer }) => {
    const result = await changeProductStatus(viewer, input);
    refreshCoopPages();
    return result;
  },
);

export const addVariantAction = defineAction(
  { name: "addVariant", access: "coop", input: addVariantInput },
  async (input, { viewer }) => {
    const result = await addVariant(viewer, input);
    refreshCoopPages();
    return result;
  },
);

export const updateVariantAction = defineAction(
  { name: "updateVariant", access: "coop", input: updateVariantInput },
  async (input, { viewer }) => {
    await updateVariant(viewer, input);
    refreshCoopPages();
  },
);

export const archiveVariantAction = defineAction(
  { name: "archiveVariant", access: "coop", input: archiveVariantInput },
  async (input, { viewer }) => {
    await archiveVariant(viewer, input);
    refreshCoopPages();
  },
);
