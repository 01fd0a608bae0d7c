import { z } from "zod";

/** What a signed-in person may do: derived from memberships, never from a role column. */
export interface Capabilities {
  admin: boolean;
  streamer: boolean;
  coopIds: string[];
  stationIds: string[];
}

export type Workspace = "coop" | "streamer" | "station" | "admin";

export interface Viewer {
  userId: string;
  sessionId: string;
  name: string;
  email: string | null;
  phone: string | null;
  caps: Capabilities;
}

export const noCapabilities: Capabilities = { admin: false, streamer: false, coopIds: [], stationIds: [] };

export function workspacesOf(caps: Capabilities): Workspace[] {
  const out: Workspace[] = [];
  if (caps.coopIds.length) out.push("coop");
  if (caps.streamer) out.push("streamer");
  if (caps.stationIds.length) out.push("station");
  if (caps.admin) out.push("admin");
  return out;
}

const phone = z
  .string()
  .trim()
  .max(20)
  .transform((v) => v.replace(/[\s-]/g, "").replace(/^\+?86/, ""))
  .pipe(z.string().regex(/^1\d{10}$/, "invalid_phone"));

const email = z.string().trim().max(254).toLowerCase().pipe(z.email("invalid_email"));

/** Sign-in by e-mail or mainland mobile number. */
export const signInInput = z.strictObject({
  identifier: z.string().trim().min(3, "required").max(254, "too_long"),
  password: z.string().min(1, "required").max(128, "too_long"),
  callbackUrl: z.string().max(2048).optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const signUpInput = z
  .strictObject({
    name: z.string().trim().min(1, "required").max(40, "too_long"),
    email: z.union([z.literal(""), email]).optional(),
    phone: z.union([z.literal(""), phone]).optional(),
    password: z.string().min(8, "password_too_short").max(128, "too_long"),
  })
  .refine((v) => Boolean(v.email) || Boolean(v.phone), { message: "email_or_phone", path: ["email"] });
export type SignUpInput = z.infer<typeof signUpInput>;
/** The sign-up form: the account fields, and where to go next. */
export const signUpFormInput = signUpInput.safeExtend({ callbackUrl: z.string().max(2048).optional() });

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, "required").max(128, "too_long"),
  newPassword: z.string().min(8, "password_too_short").max(128, "too_long"),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

const recordId = z.string().min(1).max(64);

/** Admin: suspend or reactivate an account. */
export const setUserStatusInput = z.strictObject({ userId: recordId, status: z.enum(["active", "suspended"]) });

/** Admin: give a person a capability; `scopeId` names the station or cooperative of a scoped one. */
export const membershipInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("invalid_email")),
  kind: z.enum(["admin", "coop", "streamer", "station"]),
  scopeId: z.string().max(64).optional(),
});
export type MembershipInput = z.infer<typeof membershipInput>;
/** Admin: make a person the manager of a station (a membership of kind "station"). */
export const stationManagerInput = membershipInput.omit({ kind: true });
export const revokeMembershipInput = z.strictObject({ id: recordId });
export type RevokeMembershipInput = z.infer<typeof revokeMembershipInput>;

export const apiScopes = ["sessions:read", "live:write", "drops:write", "figures:read"] as const;
export type ApiScope = (typeof apiScopes)[number];

/** A streamer's personal API token: a name and one scope or several (checkboxes). */
export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1, "required").max(40, "too_long"),
  scopes: z
    .union([z.enum(apiScopes), z.array(z.enum(apiScopes)).min(1)])
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])]),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;
export const revokeTokenInput = z.strictObject({ id: recordId });
export type RevokeTokenInput = z.infer<typeof revokeTokenInput>;

/** An identifier typed by a person: e-mail (lower-cased) or a phone number (digits). */
export function parseIdentifier(raw: string): { email: string } | { phone: string } | null {
  const v = raw.trim();
  if (v.includes("@")) {
    const r = email.safeParse(v);
    return r.success ? { email: r.data } : null;
  }
  const r = phone.safeParse(v);
  return r.success ? { phone: r.data } : null;
}

/** Only same-origin paths may follow sign-in: "/orders" yes; "//evil", "/\\evil", "https://…" no. */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (!raw || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  try {
    const u = new URL(raw, "http://local.invalid");
    if (u.origin !== "http://local.invalid") return fallback;
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return fallback;
  }
}

/** What every server action returns: data, or an error code with a message in the person's language. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fields?: Record<string, string[]> };
