import { describe, expect, it } from "vitest";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { listOwnProducts, listViewerCoops, resolveWorkspaceCoop } from "./coop-workspace";

const t = setupTestDb();

describe("the coop workspace", () => {
  it("a member of several cooperatives switches between them; someone else's is NOT_FOUND", async () => {
    const a = await createCoop(t.db, { nameZh: "甲合作社" });
    const b = await createCoop(t.db, { nameZh: "乙合作社" });
    const stranger = await createCoop(t.db);
    const both = await createViewer(t.db, {
      memberships: [
        { kind: "coop", scopeId: a.id },
        { kind: "coop", scopeId: b.id },
      ],
    });
    expect((await listViewerCoops(both)).map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect((await resolveWorkspaceCoop(both, b.id)).current.id).toBe(b.id);
    expect([a.id, b.id]).toContain((await resolveWorkspaceCoop(both, undefined)).current.id);
    await expect(resolveWorkspaceCoop(both, stranger.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveWorkspaceCoop(await createViewer(t.db), undefined)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lists the cooperative's products in every status with all variants, and only its own", async () => {
    const coop = await createCoop(t.db);
    const other = await createCoop(t.db);
    const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
    await createProduct(t.db, {
      coopId: coop.id,
      status: "draft",
      variants: [{ priceFen: 100, stock: 3 }, { priceFen: 200 }],
    });
    await createProduct(t.db, { coopId: coop.id, status: "archived" });
    await createProduct(t.db, { coopId: other.id });
    const list = await listOwnProducts(member, coop.id);
    expect(list.map((p) => p.status).sort()).toEqual(["archived", "draft"]);
    expect(list.every((p) => p.coopId === coop.id)).toBe(true);
    expect(list.find((p) => p.status === "draft")?.variants.map((v) => [v.priceFen, v.stock])).toEqual([
      [100, 3],
      [200, 0],
    ]);
    await expect(listOwnProducts(member, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
