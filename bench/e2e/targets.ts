/**
 * The servers under test, each started in its own process and reached on 127.0.0.1 over plain
 * HTTP and ws:// (the twin serves both on one port; its TLS side is not used, so no target pays
 * for TLS): the twin (npm start's code, with its own DynamoDB Local), the peer (the Amplify
 * simulator on the shared DynamoDB Local) and the two ceilings. Each Node server listens with an
 * inspector on a loopback port of its own, used only to collect garbage around the idle-socket
 * measurement.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient, ensureTable, startDynamoDBLocal, type DynamoDBLocal } from '../../local/dynamodb-local';
import { findFreePort } from '../../local/dynamodb-local/free-port';
import { descendants } from '../../test/load/support/twin-child';
import type { TwinProcessInfo } from '../../test/load/support/twin-process';
import { monotonicMs } from './clock';
import { subOf, type Population } from './population';
import type { Endpoint } from './protocol';

export type TargetName = 'twin' | 'peer' | 'ceilingWrite' | 'ceiling';

export interface RunningTarget {
  name: TargetName;
  endpoint: Endpoint;
  /** The processes to watch: the server's Node process, and the DynamoDB Local JVM it writes to. */
  pids: { node: number; jvm?: number };
  /** Milliseconds from spawn to the first answered HTTP request. */
  startupMs: number;
  /** The server's Node inspector, on loopback (see collect-garbage.ts). */
  inspectorPort: number;
  stop(): Promise<void>;
}

/** Spawn-to-answer: polls the GraphQL URL until anything answers (a 401 is an answer). */
async function firstAnswer(url: string, spawnedAt: number): Promise<number> {
  for (;;) {
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
      return monotonicMs() - spawnedAt;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const REPO_ROOT = join(__dirname, '..', '..');
/** A server that SIGTERM has not ended in this time is killed. */
const STOP_TIMEOUT_MS = 15_000;

interface SpawnedServer {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The JSON line the server printed once it listened. */
  ready: Record<string, unknown>;
  spawnedAt: number;
  inspectorPort: number;
  stop(): Promise<void>;
}

/**
 * Starts a server script under tsx, with an inspector on a free loopback port, and waits for the
 * one JSON line it prints on stdout when it listens.
 */
async function spawnServer(script: string, args: string[], nodeArgs: string[] = []): Promise<SpawnedServer> {
  const inspectorPort = await findFreePort();
  const spawnedAt = monotonicMs();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectorPort}`, ...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(stdout.slice(0, newline)) as Record<string, unknown>);
    });
    void exited.then(() => reject(new Error(`${script} exited before it listened:\n${stderr}`)));
  });
  return {
    child,
    ready,
    spawnedAt,
    inspectorPort,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * BENCH_CPU_PROF_DIR=<dir>: the twin's process writes a V8 CPU profile (.cpuprofile) into <dir>
 * (relative to the repository; build/ is git-ignored) when it exits on SIGTERM. Read it with
 * bench/profile-summary.ts.
 */
export function cpuProfileArgs(dir: string | undefined): string[] {
  if (!dir) return [];
  const absolute = resolve(REPO_ROOT, dir);
  mkdirSync(absolute, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${absolute}`];
}

/**
 * The twin as test/load/support/twin-process.ts runs it (startTwin on 127.0.0.1, port 0), on a
 * data directory kept across restarts, or in memory when dataDir is null. SIGTERM stops it and
 * the DynamoDB Local it started.
 */
export async function startTwinTarget(dataDir: string | null): Promise<RunningTarget & { info: TwinProcessInfo }> {
  const server = await spawnServer(join(REPO_ROOT, 'test', 'load', 'support', 'twin-process.ts'), [dataDir ?? '--in-memory'], cpuProfileArgs(process.env.BENCH_CPU_PROF_DIR));
  const info = server.ready as unknown as TwinProcessInfo;
  const startupMs = await firstAnswer(info.graphqlUrl, server.spawnedAt);
  const jvm = descendants(server.child.pid as number).find((p) => p.command === 'java')?.pid;
  return {
    name: 'twin',
    info,
    endpoint: { graphqlUrl: info.graphqlUrl, realtimeUrl: info.realtimeUrl.replace(/^wss:/, 'ws:') },
    pids: { node: server.child.pid as number, jvm },
    startupMs,
    inspectorPort: server.inspectorPort,
    stop: server.stop,
  };
}

/** A server script of bench/e2e that prints {"port": n} when it listens. */
async function startScript(name: TargetName, script: string, args: string[], jvm: number | undefined): Promise<RunningTarget> {
  const server = await spawnServer(join(__dirname, script), args);
  const port = server.ready.port as number;
  const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
  const startupMs = await firstAnswer(graphqlUrl, server.spawnedAt);
  return {
    name,
    endpoint: { graphqlUrl, realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime` },
    pids: { node: server.child.pid as number, jvm },
    startupMs,
    inspectorPort: server.inspectorPort,
    stop: server.stop,
  };
}

export const PEER_TABLE = 'bench-peer';
export const CEILING_TABLE = 'bench-ceiling';

/** The DynamoDB Local that the peer and the ceiling with a write share (the twin starts its own). */
export async function startSharedDynamoDBLocal(): Promise<DynamoDBLocal> {
  const dynamodb = await startDynamoDBLocal({ dataDir: null });
  const client = createLocalDynamoDBClient(dynamodb.endpoint);
  try {
    await ensureTable(client, PEER_TABLE);
    await ensureTable(client, CEILING_TABLE);
  } finally {
    client.destroy();
  }
  return dynamodb;
}

/** The twin's memberships, written straight into the peer's table (the peer has no createRoom). */
export async function seedPeerMemberships(endpoint: string, population: Population): Promise<void> {
  const client = createLocalDynamoDBClient(endpoint);
  const users = [...population.senders, ...population.readers];
  const items: WriteRequest[] = [population.oneRoom, ...population.manyRooms].flatMap((roomId) =>
    users.map((user) => ({ PutRequest: { Item: { PK: { S: `ROOM#${roomId}` }, SK: { S: `MEMBER#${subOf(user)}` }, userId: { S: subOf(user) } } } })),
  );
  try {
    for (let i = 0; i < items.length; i += 25) {
      let pending: WriteRequest[] | undefined = items.slice(i, i + 25);
      while (pending && pending.length > 0) {
        const answer: BatchWriteItemCommandOutput = await client.send(new BatchWriteItemCommand({ RequestItems: { [PEER_TABLE]: pending } }));
        pending = answer.UnprocessedItems?.[PEER_TABLE];
      }
    }
  } finally {
    client.destroy();
  }
}

export function startPeerTarget(dynamodb: DynamoDBLocal): Promise<RunningTarget> {
  return startScript('peer', 'peer-server.ts', [dynamodb.endpoint, PEER_TABLE], dynamodb.jvmPid);
}

export function startCeilingTarget(dynamodb: DynamoDBLocal | null): Promise<RunningTarget> {
  return dynamodb ? startScript('ceilingWrite', 'ceiling-server.ts', [dynamodb.endpoint, CEILING_TABLE], dynamodb.jvmPid) : startScript('ceiling', 'ceiling-server.ts', [], undefined);
}
