// drizzle-kit reads this to generate SQL migrations from src/schema.ts: `pnpm --filter @mac/db generate`.
// Hand-written SQL (triggers) goes in custom migrations: `pnpm exec drizzle-kit generate --custom --name <what>`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
