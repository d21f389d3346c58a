// Job kinds → handlers. Modules that define a kind call registerJobHandler at import time; the
// worker and the CLI import lib/jobs/handlers.ts, which imports every such module.
import type { JobHandler } from "./types";

const handlers = new Map<string, JobHandler<any, any>>();

export function registerJobHandler<P, R>(kind: string, handler: JobHandler<P, R>): void {
  handlers.set(kind, handler as JobHandler<any, any>);
}

export function jobHandler(kind: string): JobHandler<any, any> | undefined {
  return handlers.get(kind);
}

export function jobKinds(): string[] {
  return [...handlers.keys()].sort();
}
