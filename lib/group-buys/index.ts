import "server-only";
export { createCampaign } from "./create-campaign";
export { orderFromCampaign } from "./order-campaign";
export { settleClosedCampaigns } from "./settle-campaigns";
export { listOpenCampaigns, getCampaign, listCoopCampaigns, type CoopCampaignDto } from "./queries";
export { createTeamDeal, endTeamDeal, listCoopTeamDeals, getCoopTeamDeal } from "./team-deals";
export { openTeam, joinTeam, type TeamEntry } from "./team-join";
export { completeTeamInTx, failTeamInTx, expireTeams } from "./team-lifecycle";
export {
  settleTeamPayments,
  syncTeamOrder,
  afterTeamPaymentEvent,
  syncPendingTeamMembers,
  startTeamPayment,
  confirmTeamReturn,
} from "./team-settle";
export {
  getTeamView,
  listProductTeamDeals,
  listMyTeams,
  usualPickupStation,
  type ProductTeamDealsDto,
} from "./team-queries";
export { teamMachine, teamMemberMachine } from "./team-state";
export { teamShareQr } from "./team-share";
