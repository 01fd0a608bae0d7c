// @vitest-environment jsdom
import { act, cleanup, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithIntl } from "@/tests/support/intl";
import { Countdown, useClockSkew } from "./countdown";

const BROWSER_NOW = Date.parse("2027-03-01T02:00:00Z");
const at = (ms: number) => new Date(ms).toISOString();
const shown = () => screen.getByTestId("cd");
const secondsLeft = () => Number(shown().getAttribute("data-seconds-left"));
const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(BROWSER_NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("Countdown", () => {
  it("counts by the server's clock: a server 5 s ahead leaves 5 s less, and it ticks every second", () => {
    const serverNow = BROWSER_NOW + 5_000;
    renderWithIntl(<Countdown endsAt={at(serverNow + 65_000)} serverNow={serverNow} doneLabel="已结束" testId="cd" />);
    expect(shown().textContent).toBe("00:01:05");
    tick(1_000);
    expect(shown().textContent).toBe("00:01:04");
    expect(secondsLeft()).toBe(64);
  });

  it("takes the skew measured when the page rendered, not when the countdown appeared (useClockSkew)", () => {
    const renderedAt = BROWSER_NOW + 3_000; // the server's clock, 3 s ahead of this browser
    const endsIn = 120_000;
    function Room({ serverNow }: { serverNow: number }) {
      const skewMs = useClockSkew(serverNow);
      const [drop, setDrop] = useState<string | null>(null);
      return (
        <>
          <button onClick={() => setDrop(at(Date.now() + skewMs + endsIn))}>open</button>
          {drop ? <Countdown endsAt={drop} skewMs={skewMs} doneLabel="已结束" testId="cd" /> : null}
        </>
      );
    }
    renderWithIntl(<Room serverNow={renderedAt} />);
    tick(8_000); // the page has been open 8 s when the drop opens
    act(() => screen.getByRole("button", { name: "open" }).click());
    expect(secondsLeft()).toBe(120);
  });

  it("shows days before the time: 天 in Chinese, a plural in English", () => {
    const endsAt = at(BROWSER_NOW + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000);
    const { unmount } = renderWithIntl(
      <Countdown endsAt={endsAt} serverNow={BROWSER_NOW} doneLabel="已结束" testId="cd" />,
    );
    expect(shown().textContent).toBe("2天 03:04:05");
    unmount();
    renderWithIntl(
      <Countdown endsAt={at(BROWSER_NOW + 86_400_000 + 1_000)} serverNow={BROWSER_NOW} doneLabel="ended" testId="cd" />,
      { locale: "en" },
    );
    expect(shown().textContent).toBe("1 day 00:00:01");
  });

  it("shows the done label once the time is up, and straight away when it already was", () => {
    const { unmount } = renderWithIntl(
      <Countdown endsAt={at(BROWSER_NOW + 2_000)} serverNow={BROWSER_NOW} doneLabel="已结束" testId="cd" />,
    );
    expect(shown().textContent).toBe("00:00:02");
    tick(2_000);
    expect(shown().textContent).toBe("已结束");
    expect(shown().hasAttribute("data-seconds-left")).toBe(false);
    unmount();
    renderWithIntl(<Countdown endsAt={at(BROWSER_NOW - 1)} skewMs={0} doneLabel="已结束" testId="cd" />);
    expect(shown().textContent).toBe("已结束");
  });
});
