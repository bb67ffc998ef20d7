import { defineConfig } from 'vitest/config';

// `npm run test:services` sets LECTERN_TEST_SERVICES=1: the same suite on DATABASE_URL/REDIS_URL,
// plus test/services (multi-process scale-out tests that need real servers).
const services = process.env.LECTERN_TEST_SERVICES === '1';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(services ? [] : ['test/services/**'])],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: services ? 60_000 : 30_000,
    hookTimeout: 60_000,
  },
});
