import "server-only";
import { eq } from "drizzle-orm";
import { createEvent } from "ics";
import { getDb, schema as s } from "../db";

/** A broadcast's calendar entry is an hour long; the room says when it really ends. */
const ASSUMED_HOURS = 1;

/**
 * A scheduled (or live) session as an iCalendar file (RFC 5545, through the `ics` library: escaping, folding, CRLF),
 * so that 预约 can also go into the phone's calendar. Null for a session that does not exist or was cancelled (one that
 * has ended keeps its entry: a calendar that fetches it late gets the time it was).
 */
export async function sessionCalendar(sessionId: string, origin: string): Promise<string | null> {
  const db = await getDb();
  const [session] = await db
    .select({
      id: s.liveSessions.id,
      title: s.liveSessions.title,
      description: s.liveSessions.description,
      status: s.liveSessions.status,
      scheduledAt: s.liveSessions.scheduledAt,
    })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.id, sessionId));
  if (!session || session.status === "cancelled") return null;
  const url = `${origin}/live/${session.id}`;
  const { error, value } = createEvent({
    uid: `${session.id}@elian`,
    productId: "e联富农",
    start: session.scheduledAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: ASSUMED_HOURS },
    title: session.title,
    description: [session.description, url].filter(Boolean).join("\n\n"),
    url,
    // The library escapes the event's text but not an alarm's: the title without the characters TEXT must escape.
    alarms: [
      {
        action: "display",
        description: session.title.replace(/[,;\\\n]/g, " "),
        trigger: { minutes: 10, before: true },
      },
    ],
  });
  if (error || !value) throw error ?? new Error("calendar entry not created");
  return value;
}
