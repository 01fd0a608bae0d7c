import "server-only";
export { createCampaign } from "./create-campaign";
export { orderFromCampaign } from "./order-campaign";
export { settleClosedCampaigns } from "./settle-campaigns";
export { listOpenCampaigns, getCampaign, listCoopCampaigns, type CoopCampaignDto } from "./queries";
