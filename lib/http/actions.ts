// Server actions (form posts to a page) answer like the API does: an AppError becomes its status —
// 401 for strangers, 403 for a role without the scope, 404 for what does not exist — through Next's
// auth interrupts, never a 500. Other refusals (a form that selects nothing, a conflict) go back to
// the page with the message in `?error=`, for the page to show.
import { forbidden, notFound, redirect, unauthorized } from "next/navigation";
import { AppError } from "@/lib/errors";

export async function runAction<T>(back: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e; // redirect() and notFound() signals pass through, as do real faults
    if (e.code === "UNAUTHENTICATED") unauthorized();
    if (e.code === "FORBIDDEN") forbidden();
    if (e.code === "NOT_FOUND") notFound();
    const sep = back.includes("?") ? "&" : "?";
    redirect(`${back}${sep}error=${encodeURIComponent(e.message)}`);
  }
}
