/** @type {import('jest').Config} The load suite (`npm run test:load`): test/load only, one file at a time. */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/load'],
  testPathIgnorePatterns: [],
  // Each load test starts its own twin and drives it hard; two at once would measure each other.
  maxWorkers: 1,
  // The load tests' twins are child processes with their own DynamoDB Local: only the cache.
  globalSetup: '<rootDir>/test/support/jest-cache-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-cache-teardown.js',
  testTimeout: 300000,
};
