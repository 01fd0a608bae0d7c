import "server-only";
export { requestRefund } from "./refunds";
