import "server-only";
export { mailLinkOrigin } from "./link-origin";
export { getCoopTeam, inviteMember, revokeInvitation, changeMemberRole, removeMember, leaveCoop } from "./team";
export { viewInvitation, acceptInvitation } from "./invitations";
export { requestPasswordReset, viewResetLink, resetPassword, type Deliver } from "./password-reset";
export {
  sendEmailVerification,
  resendVerification,
  emailStatus,
  viewVerifyLink,
  verifyEmail,
} from "./email-verification";
