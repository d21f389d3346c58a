// Runs `prisma generate` at install time. Prisma 7's CLI insists on a schema-engine binary even for
// `generate`, which does not use it; where the native engine could not be downloaded (machines
// without access to Prisma's binary server) we point it at a stub so generation still works.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync, chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.join(mkdtempSync(path.join(tmpdir(), "attest-prisma-")), "schema-engine-stub");
  writeFileSync(stub, "#!/bin/sh\nexit 1\n");
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
if (!existsSync("prisma/schema.prisma")) process.exit(0);
const r = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
