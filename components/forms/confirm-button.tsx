"use client";
// A submit button that asks first (the browser's confirm dialog): for destructive or bulk actions
// such as sending items to a review round, closing or archiving a round. Without JavaScript the form
// still posts; the server checks the rights either way.
import type { ReactNode } from "react";

export function ConfirmButton({ message, children, className, name, value, disabled }: { message: string; children: ReactNode; className?: string; name?: string; value?: string; disabled?: boolean }) {
  return (
    <button
      type="submit"
      className={className}
      name={name}
      value={value}
      disabled={disabled}
      data-confirm={message}
      onClick={(e) => {
        if (!window.confirm(message)) e.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
