// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AdminNav } from "./admin-nav";

const nav = vi.hoisted(() => ({ pathname: "/admin" }));
vi.mock("next/navigation", () => ({ usePathname: () => nav.pathname }));
afterEach(cleanup);

const items = [
  { href: "/admin", label: "概览", id: "overview" },
  { href: "/admin/applications", label: "入驻申请", id: "applications" },
  { href: "/admin/stations", label: "驿站", id: "stations" },
  { href: "/admin/attention", label: "待处理", id: "attention" },
  { href: "/admin/audit", label: "审计日志", id: "audit" },
];

describe("AdminNav", () => {
  it("links every admin section and marks the current one, the overview only on /admin itself", () => {
    nav.pathname = "/admin/audit";
    render(<AdminNav items={items} label="平台管理导航" />);
    expect(screen.getByRole("navigation", { name: "平台管理导航" })).toBeTruthy();
    expect(screen.getAllByRole("link").map((a) => [a.getAttribute("href"), a.dataset.testid])).toEqual([
      ["/admin", "admin-nav-overview"],
      ["/admin/applications", "admin-nav-applications"],
      ["/admin/stations", "admin-nav-stations"],
      ["/admin/attention", "admin-nav-attention"],
      ["/admin/audit", "admin-nav-audit"],
    ]);
    expect(screen.getAllByRole("link").filter((a) => a.getAttribute("aria-current") === "page")).toEqual([
      screen.getByTestId("admin-nav-audit"),
    ]);
  });

  it("a page under a section marks that section", () => {
    nav.pathname = "/admin/applications/app_123";
    render(<AdminNav items={items} label="nav" />);
    expect(screen.getByTestId("admin-nav-applications").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("admin-nav-overview").getAttribute("aria-current")).toBeNull();
  });
});
