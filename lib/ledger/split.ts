import { BPS, type LineRates, type LineShares } from "./contract";

/**
 * How a line's money is shared — THE rounding rule: each commission is its rate of the amount rounded down to the
 * fen (streamer, then 团长, then platform, each on the whole amount), and the cooperative gets the rest. So no fen is
 * made or lost, and a share never exceeds its rate.
 */
export function splitLine(amountFen: number, rates: LineRates): LineShares {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`not a line amount: ${amountFen}`);
  if (rates.streamerBps + rates.stationBps + rates.platformBps > BPS) throw new RangeError("rates above 100 %");
  const cut = (bps: number) => Math.floor((amountFen * bps) / BPS);
  const streamer = cut(rates.streamerBps);
  const station = cut(rates.stationBps);
  const platform = cut(rates.platformBps);
  return { streamer, station, platform, cooperative: amountFen - streamer - station - platform };
}

/**
 * What a refund of `refundFen` takes back from each share of a line that now keeps `keptFen`: the difference
 * between the split before and after. The parts sum to the refund, and after a full refund every share is exactly
 * 0 — however the line was refunded in pieces. A commission never grows; the cooperative's rest may move by the
 * commissions' rounding (at most 2 fen its way on one refund).
 */
export function splitReversal(keptFen: number, refundFen: number, rates: LineRates): LineShares {
  if (refundFen > keptFen) throw new RangeError(`refund ${refundFen} above what the line keeps (${keptFen})`);
  const before = splitLine(keptFen, rates);
  const after = splitLine(keptFen - refundFen, rates);
  return {
    streamer: before.streamer - after.streamer,
    station: before.station - after.station,
    platform: before.platform - after.platform,
    cooperative: before.cooperative - after.cooperative,
  };
}
