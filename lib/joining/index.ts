import "server-only";
export { applyAsCoop, applyAsStreamer, applyAsStation, withdrawApplication } from "./submit-application";
export { approveApplication, rejectApplication } from "./review-application";
export { setJoinedStatus } from "./set-joined-status";
export { listMyApplications, getMyApplication, listApplicationsForAdmin, getApplicationForAdmin } from "./queries";
export { uploadApplicationDocument, documentRefFor } from "./documents";
export { applicationMachine } from "./state";
