// @vitest-environment jsdom
import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import type { VariantDto } from "@/lib/catalog/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { AddToCart } from "./add-to-cart";

afterEach(cleanup);

const variants: VariantDto[] = [
  { id: "var_5kg", labelZh: "5kg 装", labelEn: "5 kg bag", priceFen: 6980, stock: 40 },
  { id: "var_10kg", labelZh: "10kg 装", labelEn: "10 kg bag", priceFen: 12800, stock: 6 },
  { id: "var_gift", labelZh: "礼盒", labelEn: "Gift box", priceFen: 15800, stock: 0 },
];

const radio = (label: string) => screen.getByRole<HTMLInputElement>("radio", { name: new RegExp(label) });

describe("AddToCart", () => {
  it("the variant chosen stays chosen after a successful add (no form reset back to the first one)", async () => {
    const user = userEvent.setup();
    const sent: FormData[] = [];
    const add = vi.fn<FormAction>(async (_prev, form) => {
      sent.push(form);
      return { ok: true, data: null };
    });
    renderWithIntl(<AddToCart addToCart={add} variants={variants} locale="zh-CN" />);
    expect(radio("5kg 装").checked).toBe(true);

    await user.click(screen.getByText("10kg 装"));
    const quantity = screen.getByLabelText<HTMLInputElement>("数量");
    expect(quantity.max).toBe("6"); // no more than are left
    await user.clear(quantity);
    await user.type(quantity, "2");
    await user.click(screen.getByTestId("add-to-cart-button"));

    expect(await screen.findByTestId("added-to-cart")).toBeTruthy();
    expect(add).toHaveBeenCalledTimes(1);
    expect(sent[0]!.get("variantId")).toBe("var_10kg");
    expect(sent[0]!.get("quantity")).toBe("2");
    expect(radio("10kg 装").checked).toBe(true);
    expect(radio("5kg 装").checked).toBe(false);
    expect(quantity.value).toBe("2");
  });

  it("a sold-out variant cannot be chosen: its radio is disabled and clicking it changes nothing", async () => {
    const user = userEvent.setup();
    renderWithIntl(<AddToCart addToCart={vi.fn<FormAction>()} variants={variants} locale="zh-CN" />);
    const gift = radio("礼盒");
    expect(gift.disabled).toBe(true);
    expect(screen.getAllByTestId("variant-stock").map((s) => s.textContent)).toEqual(["有货", "仅剩 6 件", "已售罄"]);
    await user.click(screen.getByText("礼盒"));
    expect(gift.checked).toBe(false);
    expect(radio("5kg 装").checked).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>("add-to-cart-button").disabled).toBe(false);
  });

  it("with every variant sold out nothing is chosen and the button says 已售罄, disabled", () => {
    renderWithIntl(
      <AddToCart addToCart={vi.fn<FormAction>()} variants={variants.map((v) => ({ ...v, stock: 0 }))} locale="zh-CN" />,
    );
    expect(screen.getAllByRole<HTMLInputElement>("radio").some((r) => r.checked)).toBe(false);
    const button = screen.getByTestId<HTMLButtonElement>("add-to-cart-button");
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("已售罄");
  });

  it("a refused add says why, in the reader's language", async () => {
    const user = userEvent.setup();
    const add = vi.fn<FormAction>(async () => ({ ok: false, code: "OUT_OF_STOCK", message: "Not enough left" }));
    renderWithIntl(<AddToCart addToCart={add} variants={variants} locale="en" />, { locale: "en" });
    await user.click(screen.getByRole("button", { name: "Add to cart" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not enough left");
    expect(screen.queryByTestId("added-to-cart")).toBeNull();
  });
});
