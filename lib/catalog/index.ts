import "server-only";
export { listFeaturedProducts, listCoops, productCardQuery } from "./queries";
export { getCoopWorkspace, type CoopWorkspaceDto } from "./coop-workspace";
export * from "./browse";
export * from "./manage";
