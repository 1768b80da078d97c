import { defineConfig } from 'drizzle-kit';

// SQLite; PostgreSQL's twin is drizzle.pg.config.ts. `npm run db:generate` runs both.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.sqlite.ts',
  out: './src/db/migrations/sqlite',
});
