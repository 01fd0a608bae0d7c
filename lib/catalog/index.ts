import "server-only";
export { listFeaturedProducts, listCoops, productCardQuery } from "./queries";
export * from "./browse";
export * from "./manage";
export { readImageForm } from "./read-image-form";
