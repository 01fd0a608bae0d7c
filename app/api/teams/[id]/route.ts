import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/auth";
import { getTeamView } from "@/lib/group-buys";

export const dynamic = "force-dynamic";

// GET /api/teams/:id — the team as its page shows it (members masked), polled by the page while it forms.
export const GET = defineRoute({ access: "public", name: "teamView" }, async ({ viewer, params }) => {
  const view = await getTeamView(viewer, params.id ?? "");
  if (!view) return NextResponse.json({ error: { code: "NOT_FOUND" } }, { status: 404 });
  const { deal: _deal, ...live } = view;
  return NextResponse.json(live, { headers: { "cache-control": "no-store" } });
});
