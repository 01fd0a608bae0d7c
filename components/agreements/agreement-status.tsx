import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { AgreementDto } from "@/lib/agreements/contract";

/** The agreement's status, and for an active one whether its period has started, runs or is over. */
export function AgreementStatus({ agreement }: { agreement: AgreementDto }) {
  const t = useTranslations("agreements");
  const phase = agreement.phase;
  return (
    <span
      className={cn(
        "rounded-full px-2 py-0.5 text-xs font-medium ring-1",
        agreement.status === "active" && agreement.inForce
          ? "bg-paddy-500/10 text-paddy-700 ring-paddy-500/30"
          : agreement.status === "proposed" || agreement.status === "countered"
            ? "bg-persimmon-500/10 text-persimmon-600 ring-persimmon-500/30"
            : "bg-rice-100 text-ink-700 ring-rice-200",
      )}
      data-testid="agreement-status"
      data-status={agreement.status}
      data-in-force={agreement.inForce ? "true" : "false"}
    >
      {t(`status.${agreement.status}`)}
      {phase ? ` · ${t(`phase.${phase}`)}` : null}
    </span>
  );
}
