import { defineConfig } from 'drizzle-kit';

// Every table lives in a `tables.ts` next to the code that owns it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/tables.ts',
  out: './migrations',
  casing: 'snake_case',
});
