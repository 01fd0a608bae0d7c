/** The ledger's vocabulary, safe for client components: parties, journal kinds, rates. */

export const partyKinds = ["coop", "streamer", "station"] as const;
export type PartyKind = (typeof partyKinds)[number];

export interface Party {
  kind: PartyKind;
  id: string;
}

/** What a journal records; each has a label in the `finance.kinds` messages. */
export const journalKinds = [
  "capture",
  "cash",
  "earned",
  "delivery_fee",
  "refund",
  "refund_paid",
  "refund_void",
  "netting",
  "payout",
  "payout_paid",
  "payout_failed",
  "remittance",
] as const;
export type JournalKind = (typeof journalKinds)[number];

/** Basis points: 1 bps = 0.01 %. */
export const BPS = 10_000;
/** The most a station's 团长 may take (20 %) and the highest platform fee (30 %); streamers are capped by agreements (50 %). */
export const MAX_STATION_COMMISSION_BPS = 2000;
export const MAX_PLATFORM_FEE_BPS = 3000;
export const DEFAULT_STATION_COMMISSION_BPS = 500;
export const DEFAULT_PLATFORM_FEE_BPS = 300;

export interface LineRates {
  /** The streamer's commission (live and replay lines sold under a carrying agreement); 0 otherwise. */
  streamerBps: number;
  /** The 团长's commission (pickup lines); 0 for home delivery. */
  stationBps: number;
  platformBps: number;
}

export interface LineShares {
  streamer: number;
  station: number;
  platform: number;
  cooperative: number;
}
