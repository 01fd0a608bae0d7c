// The order use cases as the shop's, the cooperative's and the station's actions reach them: the form parsed by
// the contract's schema first (a ZodError rejects where the transport answers VALIDATION).
import * as c from "../../../lib/orders/contract";
import * as batches from "../../../lib/orders/batch-actions";
import * as buyer from "../../../lib/orders/buyer-actions";
import * as cart from "../../../lib/orders/cart";
import * as shop from "../../../lib/orders/checkout";
import * as coop from "../../../lib/orders/coop-actions";
import * as handover from "../../../lib/orders/handover";
import * as reissue from "../../../lib/orders/reissue-pickup-code";
import { parsed } from "../parse";

export const checkout = parsed(c.checkoutInput, shop.checkout);
export const addToCart = parsed(c.cartLineInput, cart.addToCart);
export const setCartQuantity = parsed(c.setCartQuantityInput, cart.setCartQuantity);
export const removeCartLine = parsed(c.removeCartLineInput, cart.removeCartLine);
export const cancelMyOrder = parsed(c.cancelMyOrderInput, buyer.cancelMyOrder);
export const actOnCoopLines = parsed(c.coopLineActionInput, coop.actOnCoopLines);
export const dispatchBatch = parsed(c.batchActionInput, batches.dispatchBatch);
export const receiveBatch = parsed(c.batchActionInput, batches.receiveBatch);
export const redeemPickupCode = parsed(c.redeemInput, handover.redeemPickupCode);
export const reissuePickupCode = parsed(c.reissuePickupCodeInput, reissue.reissuePickupCode);
import * as afterSale from "../../../lib/orders/after-sale-refund";
export const refundHandedOverLine = parsed(c.refundLineInput, afterSale.refundHandedOverLine);
export const handOverCashRefund = parsed(c.cashRefundInput, afterSale.handOverCashRefund);
