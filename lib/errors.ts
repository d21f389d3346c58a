// One error type for everything `lib` throws on purpose. Routes map `code` to an HTTP status with
// `httpStatus`; the CLI prints the message (and the problem list) and exits non-zero.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  /** The client hung up before its request body arrived; nobody reads the answer. */
  CLIENT_ABORTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_INPUT: 422,
  RANGE_NOT_SATISFIABLE: 416,
  TOO_MANY_REQUESTS: 429,
  DB_BUSY: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem in an input: where (file, line, utterance, field) and what. */
export interface Problem {
  file?: string;
  line?: number;
  utterance?: string;
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  constructor(code: ErrorCode, message: string, problems: Problem[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.problems = problems;
  }
  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}

export function formatProblem(p: Problem): string {
  const where = [
    p.file && (p.line ? `${p.file}:${p.line}` : p.file),
    p.utterance && `utterance ${p.utterance}`,
    p.field && `field ${p.field}`,
  ].filter(Boolean);
  return where.length ? `${where.join(", ")}: ${p.message}` : p.message;
}

/** How many problems an answer lists; the rest are counted ("… and 99,980 more"). */
export const MAX_PROBLEMS = 20;

export function capProblems(problems: Problem[], max = MAX_PROBLEMS): Problem[] {
  if (problems.length <= max) return problems;
  return [...problems.slice(0, max), { message: `… and ${(problems.length - max).toLocaleString("en-US")} more` }];
}
