export type RefundStatus = "requested" | "pending" | "succeeded" | "failed";
