export const categories = ["grain", "oil", "fruit", "vegetable", "snack", "drink"] as const;
export type Category = (typeof categories)[number];
