import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

// SWC compiles the TypeScript so decorator metadata (which Nest's injection needs) is emitted.
const typescript = swc.vite({
  module: { type: 'es6' },
  jsc: { target: 'es2023', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
});

const BROWSER_TESTS = ['test/swagger-ui.e2e-spec.ts', 'test/admin-console.e2e-spec.ts'];

export default defineConfig({
  plugins: [typescript],
  test: {
    globals: true,
    setupFiles: ['reflect-metadata'],
    // Lists, at the end of the run, the tests left out for want of Redis or Chromium (fails under CI=true).
    globalSetup: ['test/support/left-out.global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e-spec.ts'], exclude: [...configDefaults.exclude, ...BROWSER_TESTS] } },
      // In a real browser (Chromium): `npm run test:browser`; `npm test` runs them too.
      { extends: true, test: { name: 'browser', include: BROWSER_TESTS } },
    ],
  },
});
