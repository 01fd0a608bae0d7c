import { describe, expect, it } from "vitest";
import { render } from "./mailer";

describe("a notification's e-mail", () => {
  it("e-mails: both languages, params filled; an unknown kind falls back to its name", () => {
    const mail = render("order_ready", { number: "E1001" });
    expect(mail.subject).toBe("订单 E1001 可以取货了 · Order E1001 is ready for pickup");
    expect(mail.text).toContain("你的订单 E1001 已到驿站");
    expect(mail.text).toContain("Your order E1001 is at the station.");
    expect(render("no_such_kind", {}).subject).toBe("no_such_kind · no_such_kind");
  });
});
