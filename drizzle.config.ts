import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/features/case-record/schema.ts', './src/features/reporting/schema.ts', './src/features/cases/schema.ts', './src/features/assessment/risk/schema.ts', './src/features/assessment/schema.ts', './src/features/figures/schema.ts'],
  out: './migrations',
});
