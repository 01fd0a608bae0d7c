import Link from "next/link";
import type { ReactNode } from "react";

export function Section({
  title,
  moreHref,
  moreLabel,
  children,
}: {
  title: ReactNode;
  moreHref?: string;
  moreLabel?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {moreHref ? (
          <Link href={moreHref} className="text-sm text-paddy-700 hover:underline">
            {moreLabel}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}
