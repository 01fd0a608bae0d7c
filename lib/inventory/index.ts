import "server-only";
export { takeStock, returnStock, writeMovement, type Take, type StockRef } from "./stock";
export { stockInvariantViolations } from "./invariant";
export * from "./manage";
