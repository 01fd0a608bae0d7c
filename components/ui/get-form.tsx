"use client";

import type { ComponentProps, FormEvent } from "react";

/**
 * A plain GET form (it works without JavaScript) that, with JavaScript, leaves empty fields out of the URL:
 * `?q=hudun` instead of `?q=hudun&min=&max=&town=`.
 */
export function GetForm(props: Omit<ComponentProps<"form">, "method" | "onSubmit">) {
  return <form {...props} method="get" onSubmit={leaveOutEmptyFields} />;
}

function leaveOutEmptyFields(e: FormEvent<HTMLFormElement>) {
  const emptied: (HTMLInputElement | HTMLSelectElement)[] = [];
  for (const el of Array.from(e.currentTarget.elements)) {
    if (
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
      el.name &&
      !el.disabled &&
      el.value === ""
    ) {
      el.disabled = true;
      emptied.push(el);
    }
  }
  // The form's data is taken right after this handler; give the fields back for a page restored from the cache.
  setTimeout(() => emptied.forEach((el) => (el.disabled = false)), 0);
}
