import "server-only";
export { recordAudit, type AuditEntry } from "./record";
export { auditPage } from "./queries";
