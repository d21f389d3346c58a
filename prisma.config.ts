import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`. Migrations are applied by our own runner
// (lib/db/migrate.ts) because Prisma's native schema engine cannot be installed everywhere.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
