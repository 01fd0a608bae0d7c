import "server-only";
export { notify, listNotifications, unreadCount, markAllRead } from "./notify";
export { sendPendingEmails, sendEmailNow, type DirectEmail } from "./mailer";
