"use client";

import type { ReactNode } from "react";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/**
 * The button that acts on a link's token (accept an invitation, confirm an e-mail): opening the link only reads,
 * this POST writes. The token travels as a hidden field; the action's refusal ("this link has expired") shows
 * above the button.
 */
export function LinkConfirmForm({
  action,
  token,
  label,
  successNote,
  testId,
}: {
  action: FormAction;
  token: string;
  label: ReactNode;
  successNote?: ReactNode;
  testId: string;
}) {
  return (
    <ActionForm action={action} successNote={successNote} testId={`${testId}-form`}>
      {(_, pending) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" disabled={pending} className="self-start" data-testid={testId}>
            {label}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
