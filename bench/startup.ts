/**
 * `npm run bench:startup`: how long `npm start` takes to answer, as a developer runs it (npm,
 * its start script, the twin's own DynamoDB Local), in four situations, each run RUNS times:
 *
 * - first start: no content cache (resolver bundles and checks, the moderation definition) and
 *   an empty data directory, as on a fresh clone;
 * - empty data: the cache built, a new data directory;
 * - existing data: the cache built, restarted on the data directory the last run left, with
 *   EXTRA_ITEMS more items in its table;
 * - Node side: as "existing data" but on a DynamoDB Local already running (--dynamodb-endpoint),
 *   so only Node's part counts (issue 11 goal: at most 1 s).
 *
 * Per run: spawn to the first HTTP answer (polled on the port given with --port, a 401 counts),
 * spawn to the banner, and from the twin's "twin ready" log line its startTwin time, the time its
 * DynamoDB Local took from spawn to first answer (the goal: ready no later than that, plus
 * ensureTable) and the phases. The cache and the data directories are the benchmark's own
 * (APPSYNC_TWIN_CACHE_DIR), so it neither uses nor clears the project's cache. Results:
 * build/bench/startup.{json,md} (bench/results/ with --save).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient, ensureTable, startDynamoDBLocal, twinDynamoDBDataDir } from '../local/dynamodb-local';
import { findFreePort } from '../local/dynamodb-local/free-port';
import { DEFAULT_TABLE_NAME } from '../local/twin';
import { resultsPath } from './results-path';

const RUNS = Number(process.env.STARTUP_RUNS ?? 3);
const EXTRA_ITEMS = 2_000;
const STOP_TIMEOUT_MS = 15_000;
/** The checkout whose `npm start` is measured; STARTUP_ROOT names another (a before/after comparison). */
const root = process.env.STARTUP_ROOT ?? join(__dirname, '..');

interface Run {
  /** Spawn of `npm start` to the first HTTP answer. */
  firstAnswerMs: number;
  bannerMs: number;
  /** startTwin's own time (its readyMs). */
  startTwinMs: number;
  /** The twin's DynamoDB Local, spawn to first answer; null on a given endpoint. */
  dynamodbLocalMs: number | null;
  phases: Record<string, number>;
}

interface StartOptions {
  dataDir: string;
  cacheDir: string;
  dynamodbEndpoint?: string;
}

const timeSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** One `npm start` until it answers, then SIGTERM to its process group and wait for the exit. */
async function startOnce(options: StartOptions): Promise<Run> {
  const port = await findFreePort();
  const args = ['start', '--', '--port', String(port), '--data-dir', options.dataDir, '--outputs', '', '--log-level', 'info'];
  if (options.dynamodbEndpoint) args.push('--dynamodb-endpoint', options.dynamodbEndpoint);
  const spawnedAt = process.hrtime.bigint();
  const child = spawn('npm', args, {
    cwd: root,
    env: { ...process.env, APPSYNC_TWIN_CACHE_DIR: options.cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own group: npm, the shell, tsx and node stop together
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  let bannerMs: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (bannerMs === undefined && stdout.includes('Ctrl-C stops the twin.')) bannerMs = timeSince(spawnedAt);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    let firstAnswerMs: number | undefined;
    while (firstAnswerMs === undefined) {
      if (gone) throw new Error(`npm start exited before it answered:\n${stderr.slice(-3000)}`);
      try {
        await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
        firstAnswerMs = timeSince(spawnedAt);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    while (bannerMs === undefined || !stderr.includes('"msg":"twin ready"')) {
      if (gone) throw new Error(`npm start exited before its banner:\n${stderr.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ready = stderr
      .split('\n')
      .filter((line) => line.includes('"msg":"twin ready"'))
      .map((line) => JSON.parse(line) as { readyMs: number; phases?: Record<string, number>; dynamodbLocalStartupMs?: number })[0];
    if (!ready) throw new Error('no "twin ready" line');
    return {
      firstAnswerMs,
      bannerMs,
      startTwinMs: ready.readyMs,
      dynamodbLocalMs: ready.dynamodbLocalStartupMs ?? null,
      phases: ready.phases ?? {},
    };
  } finally {
    if (!gone) process.kill(-(child.pid as number), 'SIGTERM');
    const timer = setTimeout(() => !gone && process.kill(-(child.pid as number), 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** EXTRA_ITEMS items in the twin's table (rooms' worth of messages, as far as size goes). */
async function addItems(endpoint: string): Promise<void> {
  const client = createLocalDynamoDBClient(endpoint);
  try {
    const text = 'x'.repeat(200);
    for (let first = 0; first < EXTRA_ITEMS; first += 25) {
      const items = Array.from({ length: 25 }, (_, i) => ({
        PutRequest: { Item: { PK: { S: `ROOM#bench-${(first + i) % 20}` }, SK: { S: `MSG#${String(first + i).padStart(8, '0')}` }, text: { S: text } } },
      }));
      const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [DEFAULT_TABLE_NAME]: items } }));
      if (Object.keys(answer.UnprocessedItems ?? {}).length > 0) throw new Error('DynamoDB Local left items unprocessed');
    }
  } finally {
    client.destroy();
  }
}

type CaseName = 'first start (no cache, empty data)' | 'empty data (cache built)' | 'existing data' | 'Node side (DynamoDB Local already up, existing data)';

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const loadBefore = loadavg();
  const runs = new Map<CaseName, Run[]>();
  const add = (name: CaseName, run: Run) => {
    runs.set(name, [...(runs.get(name) ?? []), run]);
    process.stderr.write(`${name}: first answer ${Math.round(run.firstAnswerMs)} ms, startTwin ${run.startTwinMs} ms, DynamoDB Local ${run.dynamodbLocalMs ?? '-'} ms\n`);
  };
  const sharedDynamoDB = await startDynamoDBLocal({ dataDir: join(work, 'shared-dynamodb') });
  try {
    const sharedClient = createLocalDynamoDBClient(sharedDynamoDB.endpoint);
    await ensureTable(sharedClient, DEFAULT_TABLE_NAME);
    sharedClient.destroy();
    await addItems(sharedDynamoDB.endpoint);
    for (let i = 0; i < RUNS; i++) {
      const cacheDir = join(work, `cache-${i}`);
      const dataDir = join(work, `data-${i}`);
      add('first start (no cache, empty data)', await startOnce({ dataDir, cacheDir }));
      add('empty data (cache built)', await startOnce({ dataDir: join(work, `data-${i}-empty`), cacheDir }));
      await addItemsOnDisk(dataDir);
      add('existing data', await startOnce({ dataDir, cacheDir }));
      add('Node side (DynamoDB Local already up, existing data)', await startOnce({ dataDir, cacheDir, dynamodbEndpoint: sharedDynamoDB.endpoint }));
    }
  } finally {
    await sharedDynamoDB.stop();
  }
  const loadAfter = loadavg();
  rmSync(work, { recursive: true, force: true });
  report(runs, loadBefore, loadAfter);
}

/** Adds the items to the table a twin left on `dataDir`, through a DynamoDB Local of its own. */
async function addItemsOnDisk(dataDir: string): Promise<void> {
  const local = await startDynamoDBLocal({ dataDir: twinDynamoDBDataDir(dataDir) });
  try {
    await addItems(local.endpoint);
  } finally {
    await local.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function figure(values: Array<number | null>): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return '—';
  const round = (v: number) => Math.round(v).toLocaleString('en-US');
  return `${round(median(present))} (${round(Math.min(...present))}–${round(Math.max(...present))})`;
}

function report(runs: Map<CaseName, Run[]>, loadBefore: number[], loadAfter: number[]): void {
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  const lines = [
    `# npm start: start-up (bench/startup.ts)`,
    '',
    `\`npm start\` in ${root}. Node ${process.version}, ${RUNS} runs per case, median (min–max), ms. Load average ${load(loadBefore)} at the start, ${load(loadAfter)} at the end.`,
    '',
    '| Case | spawn to first answer | spawn to banner | startTwin | its DynamoDB Local, spawn to first answer |',
    '|---|---:|---:|---:|---:|',
    ...[...runs].map(
      ([name, list]) =>
        `| ${name} | ${figure(list.map((r) => r.firstAnswerMs))} | ${figure(list.map((r) => r.bannerMs))} | ${figure(list.map((r) => r.startTwinMs))} | ${figure(list.map((r) => r.dynamodbLocalMs))} |`,
    ),
    '',
    'startTwin phases (ms from its call to the end of each step, median):',
    '',
    ...[...runs].map(([name, list]) => {
      const names = [...new Set(list.flatMap((r) => Object.keys(r.phases)))];
      return `- ${name}: ${names.map((phase) => `${phase} ${Math.round(median(list.map((r) => r.phases[phase] ?? Number.NaN)))}`).join(', ')}`;
    }),
    '',
  ];
  const text = lines.join('\n');
  writeFileSync(resultsPath('startup.md'), text);
  writeFileSync(resultsPath('startup.json'), `${JSON.stringify({ node: process.version, runs: RUNS, loadBefore, loadAfter, cases: Object.fromEntries(runs) }, null, 2)}\n`);
  process.stdout.write(`${text}\nWritten to ${resultsPath('startup.md')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
