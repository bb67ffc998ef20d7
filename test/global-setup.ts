import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createTemplateDatabase } from './helpers/template-database.js';

/**
 * Migrates one PGlite database per test run; each test file starts from a copy of it
 * (migrating per file would cost seconds each).
 */
export default async function setup(project: TestProject) {
  const dir = await createTemplateDatabase();
  project.provide('pgliteTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
  }
}
