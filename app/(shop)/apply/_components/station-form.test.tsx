// @vitest-environment jsdom
import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import { renderWithIntl } from "@/tests/support/intl";
import { CoopForm } from "./coop-form";
import { StationForm } from "./station-form";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ok: FormAction = async () => ({ ok: true, data: undefined });

describe("the station application form", () => {
  it("fills the coordinates from the browser's geolocation", async () => {
    const getCurrentPosition = vi.fn((done: PositionCallback) =>
      done({ coords: { latitude: 30.8712346, longitude: 120.9701234 } } as GeolocationPosition),
    );
    vi.stubGlobal("navigator", { ...navigator, geolocation: { getCurrentPosition } });
    renderWithIntl(<StationForm action={ok} />);
    await userEvent.click(screen.getByTestId("apply-station-locate"));
    expect(screen.getByLabelText<HTMLInputElement>("纬度").value).toBe("30.871235");
    expect(screen.getByLabelText<HTMLInputElement>("经度").value).toBe("120.970123");
  });

  it("says so when the person refuses to share the location, and the fields stay typeable", async () => {
    const getCurrentPosition = vi.fn((_: PositionCallback, fail: PositionErrorCallback) =>
      fail({ code: 1 } as GeolocationPositionError),
    );
    vi.stubGlobal("navigator", { ...navigator, geolocation: { getCurrentPosition } });
    renderWithIntl(<StationForm action={ok} />, { locale: "en" });
    await userEvent.click(screen.getByTestId("apply-station-locate"));
    expect(screen.getByRole("alert").textContent).toBe(
      "Could not get your location; allow it or type the coordinates.",
    );
    await userEvent.type(screen.getByLabelText("Latitude"), "30.5");
    expect(screen.getByLabelText<HTMLInputElement>("Latitude").value).toBe("30.5");
  });
});

describe("the cooperative application form", () => {
  it("carries the id of a rejected application and its documents when correcting it", () => {
    renderWithIntl(
      <CoopForm
        action={ok}
        applicationId="app_1"
        documents={{ licence: [{ ref: "l.ref", path: "/uploads/l.webp" }], photos: [] }}
      />,
    );
    const form = screen.getByTestId<HTMLFormElement>("apply-coop-form");
    const data = new FormData(form);
    expect(data.get("applicationId")).toBe("app_1");
    expect(data.getAll("licence")).toEqual(["l.ref"]);
    expect(screen.getByTestId("apply-submit").textContent).toBe("重新提交");
  });
});
