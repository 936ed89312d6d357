/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
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
  },
  // otplib 13 and openid-client 6 depend on ESM-only packages; Jest on Node 20 cannot require(esm), so swc converts
  // them (Node itself loads them with require(esm), on by default since 20.19).
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@scure/base|@noble/hashes|openid-client|oauth4webapi|jose)/).*/node_modules/',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 120_000,
  // Temporal's native bridge keeps a handle open after teardown (sdk-typescript#928).
  forceExit: true,
};
