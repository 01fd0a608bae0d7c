import "server-only";
export { accounts, partyAccounts, partyAccount, describeAccount } from "./accounts";
export { postJournal, type JournalDraft, type EntryDraft } from "./post";
export { splitLine, splitReversal } from "./split";
export { amountDueFen, deliveryLineId, lineRates, postOrderFulfilled, postPaymentCaptured } from "./order-postings";
export { postOrderRefunds, postRefund, voidRefundPostings } from "./refund-postings";
export { balanceOf, owedTo, trialBalance, type AccountBalance } from "./balances";
export { ledgerViolations } from "./invariants";
export { catchUpLedger, type CatchUpReport } from "./catch-up";
