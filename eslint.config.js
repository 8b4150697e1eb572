import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'sdk/', 'artifacts/', 'admin/dist/', 'admin/node_modules/', 'bench/.bare/', 'bench/.lua/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  {
    // Modules talk through services: a module's entities (and so its tables and repositories)
    // are its own. Another module's entity may only be named by an entity, for a foreign-key
    // relation; src/database lists them all for TypeORM.
    files: ['src/**/*.ts'],
    ignores: ['src/*/entities/**', 'src/database/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+[^./][^/]*/entities/',
              message: "Another module's entity: go through that module's exported service instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through Environment (src/config).' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{js,mjs,ts}', 'scripts/**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { 'no-console': 'off', 'no-restricted-properties': 'off' },
  },
  {
    // The staff console runs in the browser; its build script and Vite config in Node.
    files: ['admin/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', sessionStorage: 'readonly', Storage: 'readonly', URL: 'readonly', Response: 'readonly', HTMLMetaElement: 'readonly' } },
  },
  {
    files: ['admin/scripts/**/*.mjs', 'admin/vite.config.ts'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
);
