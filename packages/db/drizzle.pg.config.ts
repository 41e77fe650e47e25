// drizzle-kit reads this to generate the PostgreSQL migrations from src/pg/schema.ts (and schema-imports.ts):
// `pnpm --filter @mac/db generate:pg`. Hand-written SQL (triggers, the audit head row) goes in custom
// migrations: `pnpm exec drizzle-kit generate --config drizzle.pg.config.ts --custom --name <what>`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // schema-imports.ts: a table of its own module, as schema.ts is at the size limit.
  schema: ['./src/pg/schema.ts', './src/pg/schema-imports.ts'],
  out: './drizzle-pg',
  strict: true,
  verbose: true,
});
