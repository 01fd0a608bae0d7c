import "server-only";
// The shop's side of the catalog: raw reads (take a db, used by tests and use cases) and the memoized
// reads the public pages use.
export { searchProducts, normalizeSearchText } from "./search";
export { getProductPage, readVariantStock } from "./product-page";
export { getCoopPage, listCoopProducts } from "./coop-page";
export { listFilterOptions } from "./filter-options";
export {
  PUBLIC_CATALOG_TTL_MS,
  forgetPublicCatalog,
  readCatalogPage,
  readCoopCards,
  readFeaturedProducts,
  readCoopPage,
  readCoopProducts,
  readFilterOptions,
  readProductPage,
} from "./public-reads";
