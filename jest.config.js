/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/load is its own suite (npm run test:load, jest.load.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/load/'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose ships ESM only; let swc turn it into CommonJS for jest's module loader.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  testTimeout: 30000,
  // Two workers on two cores: most files wait on twins, JVMs and browsers, so two at once halve
  // the run (measured 8 min 21 s against about 16 min in band); a worker that grew past 2 GB is
  // replaced between files rather than carrying every file's modules to the end.
  maxWorkers: 2,
  workerIdleMemoryLimit: '2GB',
  // One content cache per run (bundles, lint results, the moderation definition, the web assets):
  // built for real once in the run, read by every later twin start; and one DynamoDB Local that
  // the run's in-memory twins share, a table each (test/support/test-twin.ts).
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
};
