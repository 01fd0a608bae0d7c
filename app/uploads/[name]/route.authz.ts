import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: "everyone", path: (f) => `/uploads/${f.imageName}` },
} satisfies RoutesAuthz<typeof route>;
