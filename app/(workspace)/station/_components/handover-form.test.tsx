// @vitest-environment jsdom
import { act, cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import { renderWithIntl } from "@/tests/support/intl";
import { HandoverForm } from "./handover-form";

type Handover = { number: string; buyerName: string; collectFen: number };

afterEach(() => {
  cleanup();
  delete window.BarcodeDetector;
  Reflect.deleteProperty(navigator, "mediaDevices");
  vi.restoreAllMocks();
});

/** An action that answers when the test says so, recording what it was sent. */
function pendingAction() {
  const sent: FormData[] = [];
  let answer: (r: Awaited<ReturnType<FormAction<Handover>>>) => void = () => {};
  const action = vi.fn<FormAction<Handover>>(
    (_prev, form) =>
      new Promise((resolve) => {
        sent.push(form);
        answer = resolve;
      }),
  );
  return { action, sent, answer: (r: Awaited<ReturnType<FormAction<Handover>>>) => act(async () => answer(r)) };
}

/** A browser that can scan: a camera, and a BarcodeDetector that sees `rawValue` on the first look. */
function cameraSees(rawValue: string) {
  const stop = vi.fn();
  Object.defineProperty(navigator, "mediaDevices", {
    configurable: true,
    value: { getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop }] })) },
  });
  vi.spyOn(HTMLMediaElement.prototype, "play").mockResolvedValue(undefined);
  window.BarcodeDetector = class {
    async detect() {
      return [{ rawValue }];
    }
  };
  return { stop };
}

const codeInput = () => screen.getByLabelText<HTMLInputElement>("输入或扫描取货码");
const numberInput = () => screen.getByTestId("handover-form").querySelector<HTMLInputElement>('input[name="number"]')!;
const done = { ok: true as const, data: { number: "E261201ABC123", buyerName: "张小禾", collectFen: 11980 } };

describe("HandoverForm", () => {
  it('the buyer\'s QR "<order number> <code>" fills both fields and hands over that order', async () => {
    const user = userEvent.setup();
    const camera = cameraSees("E261201ABC123 246810");
    const { action, sent, answer } = pendingAction();
    renderWithIntl(<HandoverForm action={action} stationId="stn_huimin" locale="zh-CN" />);

    await user.click(screen.getByRole("button", { name: "用摄像头扫码" }));
    await vi.waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    expect(codeInput().value).toBe("246810");
    expect(numberInput().value).toBe("E261201ABC123");
    expect(sent[0]!.get("code")).toBe("246810");
    expect(sent[0]!.get("number")).toBe("E261201ABC123");
    expect(sent[0]!.get("stationId")).toBe("stn_huimin");
    expect(camera.stop).toHaveBeenCalled(); // the camera is let go once the code is read

    await answer(done);
    expect(screen.getByTestId("handover-done").textContent).toBe(
      "已交货:订单 E261201ABC123(张小禾)。 请收款 ¥119.80。",
    );
  });

  it("after a successful handover the code is cleared for the next buyer; a refused one keeps it", async () => {
    const user = userEvent.setup();
    const { action, sent, answer } = pendingAction();
    renderWithIntl(<HandoverForm action={action} stationId="stn_huimin" locale="zh-CN" />);
    expect(screen.getByText("这个浏览器不支持扫码,请手动输入 6 位取货码。")).toBeTruthy();

    await user.type(codeInput(), "000000");
    await user.click(screen.getByTestId("redeem"));
    await answer({ ok: false, code: "VALIDATION", message: "请检查", fields: { code: ["取货码不正确"] } });
    expect(screen.getByRole("alert").textContent).toBe("取货码不正确");
    expect(codeInput().value).toBe("000000");

    await user.clear(codeInput());
    await user.type(codeInput(), "246810");
    await user.click(screen.getByTestId("redeem"));
    expect(sent[1]!.get("code")).toBe("246810");
    expect(sent[1]!.get("number")).toBe(""); // a typed code is tried against every waiting order
    await answer({ ok: true, data: { number: "E261201ABC123", buyerName: "张小禾", collectFen: 0 } });
    expect(codeInput().value).toBe("");
    expect(screen.getByTestId("handover-done").textContent).toContain("已在线付款,无需收款。");
  });

  it("an order picked from the waiting list is named and sent with the code", async () => {
    const user = userEvent.setup();
    const { action, sent } = pendingAction();
    renderWithIntl(
      <HandoverForm
        action={action}
        stationId="stn_huimin"
        locale="zh-CN"
        picked={{ number: "E261201XYZ789", label: "E261201XYZ789 · 张小禾" }}
      />,
    );
    expect(screen.getByTestId("handover-picked").textContent).toContain("E261201XYZ789 · 张小禾");
    await user.type(codeInput(), "135790");
    await user.click(screen.getByTestId("redeem"));
    expect(sent[0]!.get("number")).toBe("E261201XYZ789");
  });
});
