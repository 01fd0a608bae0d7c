"use client";

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded-lg bg-white px-3 py-1 text-sm ring-1 ring-rice-200"
    >
      {label}
    </button>
  );
}
