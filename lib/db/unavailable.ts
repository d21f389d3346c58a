// Tells a lost or refused database connection (a PostgreSQL restart, failover or overload) from
// every other error, so that routes answer 503 + Retry-After ("try again shortly") instead of 500.
// The error reaches us in several wrappings: Prisma's known-request error (P1001/P1017, or P2010
// around a raw query) with the driver adapter's error and its cause under `meta`, the adapter's own
// DriverAdapterError, or node-postgres' plain Error ("Connection terminated unexpectedly").

/** Socket errors, PostgreSQL SQLSTATEs of class 08 / 57P0x / 53300, Prisma's connection codes. */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "53300", // too_many_connections
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down, recovering)
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1017", // server has closed the connection
  "P2024", // timed out fetching a connection from the pool
]);

/** The driver adapter's error kinds (@prisma/driver-adapter-utils) that mean "no connection". */
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** node-postgres and pg-pool say these without a code. */
const MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection due to administrator command/i;

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 5) return false;
  const err = e as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof err.code === "string" && CODES.has(err.code)) return true;
  if (typeof err.originalCode === "string" && CODES.has(err.originalCode)) return true;
  if (typeof err.kind === "string" && KINDS.has(err.kind)) return true;
  if (typeof err.message === "string" && MESSAGES.test(err.message)) return true;
  return isDatabaseUnavailable(err.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(err.cause, depth + 1);
}
