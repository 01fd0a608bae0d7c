import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BPS } from "./contract";
import { splitLine, splitReversal } from "./split";

// Rates as the app allows them: a streamer up to 50 %, a 团长 up to 20 %, the platform up to 30 %.
const rates = fc.record({
  streamerBps: fc.integer({ min: 0, max: 5000 }),
  stationBps: fc.integer({ min: 0, max: 2000 }),
  platformBps: fc.integer({ min: 0, max: 3000 }),
});
const amount = fc.integer({ min: 0, max: 50_000_000 });

describe("splitting a line (commissions rounded down to the fen, the rest to the cooperative)", () => {
  it("no fen is made or lost over 10,000 random lines, and each commission is its rate rounded down", () => {
    let total = 0;
    let shared = 0;
    fc.assert(
      fc.property(amount, rates, (fen, r) => {
        const s = splitLine(fen, r);
        total += fen;
        shared += s.streamer + s.station + s.platform + s.cooperative;
        expect(s.streamer + s.station + s.platform + s.cooperative).toBe(fen);
        expect(s.streamer).toBe(Math.floor((fen * r.streamerBps) / BPS));
        expect(s.station).toBe(Math.floor((fen * r.stationBps) / BPS));
        expect(s.platform).toBe(Math.floor((fen * r.platformBps) / BPS));
        expect(Math.min(s.streamer, s.station, s.platform, s.cooperative)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 10_000 },
    );
    expect(shared).toBe(total);
  });

  it("a line refunded in random pieces gives back exactly what it shared, every share ending at 0", () => {
    // Commissions only ever shrink (a floor is monotone); the cooperative's rest can move by the rounding of the
    // commissions — at most 2 fen its way on one refund (three commissions, each rounding down).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        rates,
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }),
        (fen, r, pieces) => {
          const start = splitLine(fen, r);
          const back = { streamer: 0, station: 0, platform: 0, cooperative: 0 };
          let kept = fen;
          for (const [i, p] of pieces.entries()) {
            const refund = i === pieces.length - 1 ? kept : Math.min(kept, Math.ceil((fen * p) / 400));
            const rev = splitReversal(kept, refund, r);
            for (const k of Object.keys(back) as (keyof typeof back)[]) {
              expect(rev[k]).toBeGreaterThanOrEqual(k === "cooperative" ? -2 : 0);
              back[k] += rev[k];
            }
            expect(rev.streamer + rev.station + rev.platform + rev.cooperative).toBe(refund);
            kept -= refund;
          }
          expect(back).toEqual(start);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("refuses what cannot be money: a fraction of a fen, a negative line, rates above 100 %", () => {
    expect(() => splitLine(12.5, { streamerBps: 0, stationBps: 0, platformBps: 300 })).toThrow(RangeError);
    expect(() => splitLine(-1, { streamerBps: 0, stationBps: 0, platformBps: 300 })).toThrow(RangeError);
    expect(() => splitLine(100, { streamerBps: 5000, stationBps: 2000, platformBps: 3001 })).toThrow(RangeError);
    expect(() => splitReversal(100, 101, { streamerBps: 0, stationBps: 0, platformBps: 0 })).toThrow(RangeError);
  });

  it("湖墩大米 10kg ¥128 sold in a live drop at 10 %, handed over at a 5 % station, 3 % platform fee", () => {
    expect(splitLine(12800, { streamerBps: 1000, stationBps: 500, platformBps: 300 })).toEqual({
      streamer: 1280,
      station: 640,
      platform: 384,
      cooperative: 10496,
    });
  });
});
