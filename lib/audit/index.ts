import "server-only";
export { recordAudit, type AuditEntry } from "./record";
