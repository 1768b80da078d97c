import { defineConfig } from 'drizzle-kit';

// PostgreSQL; SQLite's twin is drizzle.config.ts. `npm run db:generate` runs both.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.pg.ts',
  out: './src/db/migrations/pg',
});
