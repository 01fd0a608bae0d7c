import { NextResponse, type NextRequest } from "next/server";
import { controlTestClock, runSweep, testHooksEnabled } from "@/lib/system";
import { testClockInput } from "@/lib/system/contract";

// POST /api/test/clock — browser tests move the server clock (and run the sweep). Absent unless E2E_TEST_HOOKS=1.
export async function POST(req: NextRequest) {
  if (!testHooksEnabled()) return new NextResponse("Not found", { status: 404 });
  const parsed = testClockInput.safeParse(await req.json().catch(() => null));
  if (!parsed.success)
    return NextResponse.json({ error: { code: "VALIDATION", message: "bad clock request" } }, { status: 400 });
  const { sweep, ...clock } = parsed.data;
  const state = controlTestClock(clock);
  const report = sweep ? await runSweep() : undefined;
  return NextResponse.json({ ...state, report });
}
