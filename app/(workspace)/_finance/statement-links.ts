import type { StatementLinks } from "@/components/finance/statement-table";
import type { PartyKind } from "@/lib/finance/contract";

const query = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1]))).toString();

/** Where a finance page's statement links go: the page itself for another period, and that period's CSV. */
export function statementLinks(
  basePath: string,
  party: { kind: PartyKind | "platform"; id: string },
  keep: Record<string, string> = {},
): StatementLinks {
  return {
    href: (q) => `${basePath}?${query({ ...keep, period: q.period, day: q.day, after: q.after })}`,
    csv: (q) => `/api/finance/statement?${query({ kind: party.kind, id: party.id, period: q.period, day: q.day })}`,
  };
}
