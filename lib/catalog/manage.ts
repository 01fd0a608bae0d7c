export { createProduct, updateProduct, changeProductStatus } from "./manage-products";
export { createVariant, updateVariant, archiveVariant } from "./manage-variants";
export { getProductForEdit, listOwnProducts, listViewerCoops, type CoopProductListItem } from "./product-for-edit";
export { saveProductImage } from "./product-image";
export { readUpload } from "./uploads";
export { productMachine } from "./product-state";
