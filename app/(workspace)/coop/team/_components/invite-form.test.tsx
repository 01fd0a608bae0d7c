// @vitest-environment jsdom
import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import { renderWithIntl } from "@/tests/support/intl";
import { InviteForm } from "./invite-form";

type Invited = { invitationId: string; link: string; emailed: boolean };
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const LINK = "https://shop.example.com/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

describe("InviteForm", () => {
  it("sends the identifier and role, then shows the link once to copy, and says it was e-mailed", async () => {
    const user = userEvent.setup();
    const sent: Record<string, FormDataEntryValue>[] = [];
    const action = vi.fn<FormAction<Invited>>(async (_prev, form) => {
      sent.push(Object.fromEntries(form.entries()));
      return { ok: true, data: { invitationId: "inv_1", link: LINK, emailed: true } };
    });
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    renderWithIntl(<InviteForm action={action} coopId="coop_daliu" />);

    await user.type(screen.getByTestId("invite-identifier"), "new.member@example.com");
    await user.selectOptions(screen.getByTestId("invite-role"), "owner");
    await user.click(screen.getByTestId("invite-submit"));

    expect(await screen.findByTestId("invite-link")).toHaveProperty("value", LINK);
    expect(sent).toEqual([{ coopId: "coop_daliu", identifier: "new.member@example.com", role: "owner" }]);
    expect(screen.getByTestId("invite-emailed").textContent).toBe("邀请邮件也已发送到 new.member@example.com。");
    await user.click(screen.getByTestId("invite-copy"));
    expect(writeText).toHaveBeenCalledWith(LINK);
    expect(screen.getByTestId("invite-copy").textContent).toBe("已复制");
  });

  it("a refusal shows its reason on the field and no link", async () => {
    const user = userEvent.setup();
    const action = vi.fn<FormAction<Invited>>(async () => ({
      ok: false,
      code: "CONFLICT",
      message: "已经存在,不能重复。",
      fields: { identifier: ["已经是这个合作社的成员"] },
    }));
    renderWithIntl(<InviteForm action={action} coopId="coop_daliu" />);
    await user.type(screen.getByTestId("invite-identifier"), "13800000002");
    await user.click(screen.getByTestId("invite-submit"));
    expect((await screen.findAllByText("已经是这个合作社的成员")).length).toBeGreaterThan(0);
    expect(screen.queryByTestId("invite-link")).toBeNull();
  });
});
