// The supervisor's edges with a real DynamoDB Local: it gives up after its bounded attempts and
// says so (the CLI then exits non-zero), and a stop() during a restart leaves no JVM behind.
import { once } from 'node:events';
import { connect } from 'node:net';
import { superviseDynamoDBLocal, type SupervisedDynamoDBLocal } from '../../../local/dynamodb-local';
import { LogLines } from './log-lines';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when nothing accepts a TCP connection at the endpoint any more. */
function refuses(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

const seenPids: number[] = [];
let supervised: SupervisedDynamoDBLocal | undefined;

afterEach(async () => {
  await supervised?.stop();
  supervised = undefined;
}, 60000);

afterAll(() => {
  expect(seenPids.filter(isAlive)).toEqual([]);
});

it('gives up after the bounded attempts, logs it once as fatal and emits gaveUp', async () => {
  const logs = new LogLines();
  const tried: string[] = [];
  supervised = await superviseDynamoDBLocal({
    start: { dataDir: null },
    log: logs.logger,
    policy: { attempts: 2, firstDelayMs: 10, maxDelayMs: 20 },
    afterRestart: (endpoint) => {
      tried.push(endpoint);
      return Promise.reject(new Error('the table could not be created'));
    },
  });
  seenPids.push(supervised.jvmPid as number);
  const gaveUp = once(supervised.events, 'gaveUp') as Promise<[Error]>;
  process.kill(supervised.jvmPid as number, 'SIGKILL');
  const [error] = await gaveUp;

  expect(error.message).toBe('DynamoDB Local could not be restarted after 2 attempts: the table could not be created');
  expect(tried).toHaveLength(2);
  expect(supervised.jvmPid).toBeNull();
  // Each attempt's JVM was stopped when its set-up failed.
  expect(await Promise.all(tried.map(refuses))).toEqual([true, true]);
  expect(logs.withEvent('dynamodb-local-restart-failed').map((line) => line.attempt)).toEqual([1, 2]);
  expect(logs.withEvent('dynamodb-local-gave-up').map((line) => [line.level, line.msg])).toEqual([
    [60, 'DynamoDB Local could not be restarted after 2 attempts: the table could not be created. Every data-source call now fails with DynamoDB:ServiceUnavailable; stop the twin and start it again.'],
  ]);
}, 120000);

it('a stop() while a restart waits leaves no JVM and restarts nothing', async () => {
  const logs = new LogLines();
  supervised = await superviseDynamoDBLocal({
    start: { dataDir: null },
    log: logs.logger,
    policy: { attempts: 3, firstDelayMs: 60_000, maxDelayMs: 60_000 },
    afterRestart: () => Promise.resolve(),
  });
  const pid = supervised.jvmPid as number;
  seenPids.push(pid);
  const exited = once(supervised.events, 'exited');
  process.kill(pid, 'SIGKILL');
  await exited;
  const started = performance.now();
  await supervised.stop(); // cuts the minute's back-off short
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(logs.withEvent('dynamodb-local-restarted')).toEqual([]);
  expect(supervised.jvmPid).toBeNull();
  expect(isAlive(pid)).toBe(false);
}, 120000);
