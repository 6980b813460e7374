// Stops what jest-global-setup.ts started: the shared DynamoDB Local, then the run's cache.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS teardown shared with the load suite
const removeRunCache = require('./jest-cache-teardown.js') as () => Promise<void>;

export default async function tearDownRun(): Promise<void> {
  await globalThis.__sharedDynamoDB?.stop();
  await removeRunCache();
}
