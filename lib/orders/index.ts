import "server-only";
export { placeOrder, placeOrders, type OrderDraft, type PlacedOrder } from "./place-order";
export { placeOnce, orderForKey } from "./place-once";
export { checkout } from "./checkout";
export {
  loadCart,
  cartCount,
  addToCart,
  setCartQuantity,
  removeCartLine,
  mergeGuestCart,
  type CartOwner,
} from "./cart";
export { cancelMyOrder } from "./buyer-actions";
export { actOnCoopLines } from "./coop-actions";
export { listMyOrders, getMyOrder } from "./buyer-queries";
export { listCoopOrders, coopOrdersCsv, type CoopOrderDto } from "./coop-queries";
export { coopOverview, type CoopOverviewDto } from "./coop-overview";
export { cancelOrderInTx } from "./cancel";
export { lockOrder, moveOrder, moveCoopLines, followLines } from "./transitions";
export { issuePickupCode } from "./pickup-code";
export { orderMachine, lineMachine, statusFromLines } from "./state";
export { cartCookie } from "./cart-cookie";
export { pickupQrDataUrl } from "./pickup-qr";
export { assignBatches, lockDueBatches } from "./batches";
export { confirmIntoBatch, joinStationBatches } from "./confirm-into-batch";
export { dispatchBatch, receiveBatch, batchMachine } from "./batch-actions";
export { redeemPickupCode, wrongCodeLimit, ORDER_CODE_FAILURES, type Handover } from "./handover";
export { reissuePickupCode } from "./reissue-pickup-code";
export { expireUncollected } from "./expire-uncollected";
export { listBatchDays, getPickList, pickListCsv, type PickListDto } from "./pick-list";
export { listStationBatches, listStationOrders, type StationBatchDto, type WaitingOrderDto } from "./station-console";
export {
  startOnlinePayment,
  applyCheckoutSession,
  failCheckoutSession,
  syncCheckoutSession,
  confirmReturnFromCheckout,
  expirePaymentHolds,
  expireLeftoverSessions,
  endOrderSessions,
  reconcileCheckoutSessions,
} from "./online-payment";
export { handlePaymentEvent } from "./payment-events";
export {
  listNeedsAttention,
  acceptPaymentReview,
  refundPaymentReview,
  releaseStuckHold,
  paymentReviewMachine,
} from "./attention";
export {
  refundHandedOverLine,
  handOverCashRefund,
  listCashRefundsDue,
  refundedOnLine,
  refundsOfOrder,
  type CashRefundDue,
  type LineRefund,
} from "./after-sale-refund";
