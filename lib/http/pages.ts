import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For pages: a NOT_FOUND AppError becomes Next's 404 page. */
export async function notFoundOnAppError<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
