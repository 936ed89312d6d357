// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What workflow code may import (STYLE.md, rules 1 and 3): the Temporal workflow API, the contract, other files
 * of workflows/ (pure helpers) and, as types only, the activities. Anything else (an I/O package, a Node
 * built-in, lib/, entities/) could break determinism or fail inside the workflow sandbox.
 */
const workflowImportAllowList = [
  '@temporalio/workflow',
  '@temporalio/common',
  // The workflow side of tracing, made for the sandbox (workflows/tracing-interceptors.ts).
  '@temporalio/interceptors-opentelemetry/lib/workflow',
  '../contract',
];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const notAllowedInWorkflows = `^(?!(${workflowImportAllowList.map(escapeRegex).join('|')}|\\./[\\w.-]+|\\.\\./activities)$)`;

/** I/O packages and Node built-ins that would break determinism; the contract must stay free of them too. */
const forbiddenInWorkflows = [
  '@mikro-orm/*',
  'argon2',
  'pdfkit',
  'nodemailer',
  'express',
  'pg',
  'pino',
  'pino-http',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  'node:*',
  'fs',
  'path',
  'crypto',
  'http',
  'https',
  'net',
  'os',
  'child_process',
  'timers',
  'events',
  'stream',
  'util',
];

/** What no activity file may import: HTTP belongs to api/, and activities reach the business through domain/. */
const activityLayerPatterns = [
  { group: ['**/api', '**/api/*', '**/api/**'], message: 'Activities call the domain layer, not api/.' },
  { group: ['express', 'express/*'], message: 'Activities know no HTTP.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tools/',
      '.data/',
      'coverage/',
      'migrations/Migration*.ts',
      'console/dist/',
      'console/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits loses its errors (and, in a workflow, its ordering).
    // The console's files find their own tsconfig (console/tsconfig.json: DOM, JSX) through the project service.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-restricted-syntax': [
        'error',
        {
          // MikroORM carries a query's lock mode into its populate queries: the related rows (the
          // company, the role…) would be locked FOR UPDATE too, serialising unrelated work and deadlocking
          // with inserts that reference them. Lock first, then `em.populate` the relations.
          selector: "ObjectExpression:has(> Property[key.name='lockMode']):has(> Property[key.name='populate'])",
          message: 'Do not populate in a locking query: lock the row, then em.populate(...) its relations.',
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: notAllowedInWorkflows,
              message:
                'Workflows import only @temporalio/workflow, @temporalio/common, the workflow side of ' +
                '@temporalio/interceptors-opentelemetry, ../contract and ./ helpers ' +
                '(I/O belongs in an activity).',
            },
            {
              group: ['../activities', '../activities/*'],
              allowTypeImports: true,
              message: 'Import activity types only.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop.' },
        { name: 'process', message: 'Workflows have no process environment.' },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', './*/..'], message: 'The contract imports nothing of the project.' },
            { group: forbiddenInWorkflows, message: 'The contract stays free of I/O packages.' },
          ],
        },
      ],
    },
  },
  {
    // One-way flow (STYLE.md 16): the domain knows no HTTP; activities reach the business through the domain.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api', '**/api/*', '**/api/**'], message: 'The domain layer may not import api/.' },
            { group: ['express', 'express/*', 'pino-http', 'helmet'], message: 'The domain layer knows no HTTP.' },
            { group: ['**/activities', '**/activities/*'], message: 'The domain layer may not import activities/.' },
            {
              group: ['@temporalio/activity', '@temporalio/workflow'],
              message: 'The domain knows no Temporal contexts; activities call it.',
            },
          ],
          paths: [
            {
              name: '@temporalio/common',
              importNames: ['ApplicationFailure'],
              message: 'The domain throws DomainError; activities/failures.ts maps it to an ApplicationFailure once.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...activityLayerPatterns,
            {
              // Thin adapters: an activity calls the domain, never another activity file's operations.
              group: ['./*', '!./dependencies', '!./failures', '!./mail-failures'],
              message: 'An activity imports no other activity file; shared rules belong in domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The factory that assembles the activities is the one file that imports them all.
    files: ['activities/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: activityLayerPatterns }] },
  },
  {
    files: ['scripts/**/*.ts', 'api/main.ts', 'test/**/*.ts', '*.js', '*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // CommonJS modules Jest loads itself (its config, the test sequencer).
    files: ['*.js', 'test/support/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
