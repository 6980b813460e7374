// Once per jest run, before any worker starts: the run's content cache (jest-cache-setup.js) and
// one in-memory DynamoDB Local that every in-memory twin of the run shares, each on a table of
// its own (test/support/test-twin.ts). A JVM start costs seconds of CPU on two cores; forty of
// them were a large part of the run. Tests that stop, kill or restart DynamoDB Local, or need a
// data directory, still start their own.
import { startDynamoDBLocal, type DynamoDBLocal } from '../../local/dynamodb-local';
import { DEFAULT_JAVA_OPTIONS } from '../../local/dynamodb-local/spawn';
import { SHARED_DYNAMODB_ENV } from './shared-dynamodb';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS setup shared with the load suite
const setUpRunCache = require('./jest-cache-setup.js') as () => Promise<void>;

declare global {
  var __sharedDynamoDB: DynamoDBLocal | undefined;
}

export default async function setUpRun(): Promise<void> {
  await setUpRunCache();
  if (process.env[SHARED_DYNAMODB_ENV]) return;
  // A larger heap than a twin's own: every file's tables live in this one JVM until the run ends.
  const javaOptions = [...DEFAULT_JAVA_OPTIONS.filter((option) => !option.startsWith('-Xmx')), '-Xmx1g'];
  const local = await startDynamoDBLocal({ javaOptions, startTimeoutMs: 60000 });
  process.env[SHARED_DYNAMODB_ENV] = local.endpoint;
  globalThis.__sharedDynamoDB = local;
}
