const transform = {
  '^.+\\.[tj]s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
// otplib 13 and openid-client 6 depend on ESM-only packages; Jest on Node 20 cannot require(esm), so swc converts
// them (Node itself loads them with require(esm), on by default since 20.19).
const transformIgnorePatterns = [
  '^(?!.*/node_modules/(@scure/base|@noble/hashes|openid-client|oauth4webapi|jose)/).*/node_modules/',
];

/**
 * Two layers (STYLE.md 12): `fast` tests one module at a time without PostgreSQL, Temporal or SMTP (the state
 * machine, the policy, the failure mapping) and runs in seconds (`npm run test:fast`); `integration` runs
 * against the real PostgreSQL, Temporal servers and an SMTP server that its global setup provides.
 */
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'fast',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/fast'],
      testMatch: ['**/*.test.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/fast/'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      testTimeout: 120_000,
    },
  ],
  testTimeout: 120_000,
  // Longest files first (test/support/durations.json), so the workers end together in a fresh clone too.
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // Temporal's native bridge keeps a handle open after teardown (sdk-typescript#928).
  forceExit: true,
};
