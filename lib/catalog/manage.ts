import { addVariant as addVariantNow } from "./add-variant";
import { archiveVariant as archiveVariantNow } from "./archive-variant";
import { changeProductStatus as changeProductStatusNow } from "./change-product-status";
import { createProduct as createProductNow } from "./create-product";
import { forgetPublicCatalog } from "./public-reads";
import { saveProductImage as saveProductImageNow } from "./save-product-image";
import { updateProduct as updateProductNow } from "./update-product";
import { updateVariant as updateVariantNow } from "./update-variant";

/** After a catalog write commits, the shop's memoized reads in this process must not show the old data. */
function thenForgetPublicCatalog<A extends unknown[], R>(
  write: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const result = await write(...args);
    forgetPublicCatalog();
    return result;
  };
}

export const createProduct = thenForgetPublicCatalog(createProductNow);
export const updateProduct = thenForgetPublicCatalog(updateProductNow);
export const changeProductStatus = thenForgetPublicCatalog(changeProductStatusNow);
export const addVariant = thenForgetPublicCatalog(addVariantNow);
export const updateVariant = thenForgetPublicCatalog(updateVariantNow);
export const archiveVariant = thenForgetPublicCatalog(archiveVariantNow);
export const saveProductImage = thenForgetPublicCatalog(saveProductImageNow);
export { readUpload, storeUpload, removeUpload } from "./uploads";
export { acceptImageUpload } from "./accept-image";
export { listViewerCoops, resolveWorkspaceCoop, listOwnProducts } from "./coop-workspace";
export { getProductForEdit } from "./product-for-edit";
export { productMachine, variantMachine } from "./product-state";
