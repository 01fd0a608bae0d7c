import "server-only";
export { auth, handlers, signIn, signOut, RateLimitedSignin } from "./next-auth";
export { getViewer } from "./viewer";
export { requireViewerPage, requireWorkspacePage } from "./guards";
export {
  assertViewer,
  assertWorkspace,
  assertCoopMember,
  assertStationManager,
  assertAdmin,
  hasWorkspace,
} from "./access";
export { defineAction, formToObject, isNextControlFlow, type ActionResult } from "./action";
export { defineRoute, errorResponse, readJson, readTextLimited } from "./route";
export { assertSameOrigin, siteOrigin } from "./same-origin";
export { clientIp } from "./client-ip";
export { hit, unhit, peek, enforce, enforceLocal, resetLimit, pruneRateLimits, type Limit } from "./rate-limit";
export { verifyCredentials, userIdForIdentifier } from "./credentials";
export { revokeSession, revokeAllSessions } from "./sessions";
export { signUp } from "./sign-up";
export { changePassword, setUserStatus } from "./account";
export { normalizeError, errorBody } from "./error-shape";
export { listUsersForAdmin, type AdminUserDto } from "./admin-users";
export { grantMembership, revokeMembership, listStationManagers } from "./memberships";
export { createApiToken, revokeApiToken, listApiTokens, viewerFromApiToken } from "./api-tokens";
export { apiScopes, type ApiScope } from "./contract";
export { defineApiRoute } from "./api-route";
export { listAuditLog, auditLogCsv, AUDIT_PAGE_SIZE } from "./audit-log";
export { defineLiteRoute } from "./lite-route";
export { viewerFromHeaders } from "./cookie-viewer";
export { meRoute } from "./me-route";
