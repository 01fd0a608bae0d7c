// The group-buy use cases as the buyer's and the cooperative's actions reach them: the form parsed by the
// contract's schema first (a ZodError rejects where the transport answers VALIDATION).
import * as c from "../../../lib/group-buys/contract";
import * as campaigns from "../../../lib/group-buys/create-campaign";
import * as ordering from "../../../lib/group-buys/order-campaign";
import * as deals from "../../../lib/group-buys/team-deals";
import * as teams from "../../../lib/group-buys/team-join";
import { parsed } from "../parse";

export const createCampaign = parsed(c.createCampaignInput, campaigns.createCampaign);
export const orderFromCampaign = parsed(c.orderCampaignInput, ordering.orderFromCampaign);
export const createTeamDeal = parsed(c.createTeamDealInput, deals.createTeamDeal);
export const openTeam = parsed(c.openTeamInput, teams.openTeam);
export const joinTeam = parsed(c.joinTeamInput, teams.joinTeam);
