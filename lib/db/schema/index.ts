export * from "./users";
export * from "./catalog";
export * from "./inventory";
export * from "./stations";
export * from "./meta";
export * from "./orders";
export * from "./fulfillment";
export * from "./payments";
