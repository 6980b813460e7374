/**
 * Starts test/load/support/twin-process.ts as a child process in its own process group and
 * gives the tests what they need to watch it: its info line, its exit, its RSS and the processes
 * under it (DynamoDB Local's watchdog shell and JVM).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { TwinProcessInfo } from './twin-process';

const ENTRY = join(__dirname, 'twin-process.ts');
const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Start-up includes a JVM and the resolver warm-up, on a shared 2-core machine. */
const START_TIMEOUT_MS = 120_000;
/** How long a SIGTERM may take (the twin drains and stops DynamoDB Local) before SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** How long the processes under the twin may take to go once DynamoDB Local's port closed. */
const ORPHAN_TIMEOUT_MS = 5_000;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** A stop that needed SIGKILL after SIGTERM did not end the twin in time. */
  forced: boolean;
  /** Processes that ran under the twin (DynamoDB Local's shell and JVM) and still run. */
  orphans: ProcessEntry[];
}

export interface TwinChild {
  readonly info: TwinProcessInfo;
  readonly pid: number;
  /** Settles when the twin process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * SIGKILL to the twin's process group; resolves once it and its DynamoDB Local have gone. With
   * alsoDynamoDBLocal the JVM gets SIGKILL at the same moment (a crash of both) instead of the
   * watchdog's SIGTERM.
   */
  kill(options?: { alsoDynamoDBLocal?: boolean }): Promise<ChildExit>;
  /** SIGTERM (a clean stop), SIGKILL to the group if that takes too long; resolves as kill(). */
  stop(): Promise<ChildExit>;
  /** The last few kilobytes the twin wrote to stderr (its logs). */
  stderrTail(): string;
  /** Calls listener with every JSON log line (pino) the twin writes from now on. */
  onLog(listener: (line: Record<string, unknown>) => void): void;
}

/** Starts the twin on a data directory (kept across restarts), or in memory when dataDir is null. */
export async function startTwinChild(dataDir: string | null): Promise<TwinChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dataDir ?? '--in-memory'], {
    cwd: REPO_ROOT,
    // Its own process group, so afterAll can kill it and anything it left in the group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let partialLine = '';
  const logListeners: Array<(line: Record<string, unknown>) => void> = [];
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderr = (stderr + text).slice(-8000);
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as Record<string, unknown>;
      for (const listener of logListeners) listener(parsed);
    }
  });
  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the twin process did not start');

  const killGroup = (signal: NodeJS.Signals): void => {
    if (hasExited) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };

  const info = await new Promise<TwinProcessInfo>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      killGroup('SIGKILL');
      reject(new Error(`the twin did not report ready within ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, newline)) as TwinProcessInfo);
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the twin exited before it was ready (${JSON.stringify(exit)}):\n${stderr}`));
    });
  });

  /**
   * Signals the twin and waits for it and everything it started. DynamoDB Local runs in its own
   * process group under a watchdog shell that ends the JVM when the twin's pipe closes
   * (local/dynamodb-local/start.ts), so it is awaited here rather than killed with the group.
   */
  const end = async (signal: NodeJS.Signals, alsoDynamoDBLocal = false): Promise<ChildExit> => {
    const below = descendants(pid);
    const dynamodb = hasExited ? null : await heldConnection(info.dynamodbEndpoint).catch(() => null);
    let forced = false;
    killGroup(signal);
    if (alsoDynamoDBLocal) for (const jvm of below.filter((p) => p.command === 'java')) process.kill(jvm.pid, 'SIGKILL');
    const timer = setTimeout(() => {
      forced = !hasExited;
      killGroup('SIGKILL');
    }, STOP_TIMEOUT_MS);
    const exit = await exited;
    clearTimeout(timer);
    await dynamodb?.closed;
    return { ...exit, forced, orphans: await stillRunning(below) };
  };

  return {
    info,
    pid,
    exited,
    kill: (options) => end('SIGKILL', options?.alsoDynamoDBLocal),
    stop: () => end('SIGTERM'),
    stderrTail: () => stderr,
    onLog: (listener) => logListeners.push(listener),
  };
}

/**
 * A TCP connection to DynamoDB Local, held open: the kernel closes it when the JVM dies, so its
 * 'close' is the event that DynamoDB Local has gone.
 */
async function heldConnection(endpoint: string): Promise<{ closed: Promise<unknown> }> {
  const { hostname, port } = new URL(endpoint);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined); // a reset is a close as well
  await once(socket, 'connect');
  return { closed: once(socket, 'close') };
}

/**
 * The processes of the list that still run after ORPHAN_TIMEOUT_MS. They are not our children,
 * so Node has no exit event for them: /proc is read every 20 ms, which only waits for the few
 * milliseconds between the JVM closing its port and its shell exiting.
 */
async function stillRunning(processes: readonly ProcessEntry[]): Promise<ProcessEntry[]> {
  const deadline = performance.now() + ORPHAN_TIMEOUT_MS;
  let running = processes.filter((p) => !isGone(p.pid));
  while (running.length > 0 && performance.now() < deadline) {
    await delay(20);
    running = running.filter((p) => !isGone(p.pid));
  }
  return running;
}

/** VmRSS of a process in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(/(\d+)/.exec(line)?.[1]) / 1024;
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function readProcess(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces or parentheses, so split after the last ')'.
    const close = stat.lastIndexOf(')');
    const [state = '', ppid = ''] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state, command: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

/** Every process below pid (children, their children, ...), read from /proc. */
export function descendants(pid: number): ProcessEntry[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((entry): entry is ProcessEntry => entry !== undefined);
  const found: ProcessEntry[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const next = all.filter((entry) => parents.has(entry.ppid));
    found.push(...next);
    parents = new Set(next.map((entry) => entry.pid));
  }
  return found;
}

/** True when the process no longer runs (gone, or a zombie waiting to be reaped). */
export function isGone(pid: number): boolean {
  const entry = readProcess(pid);
  return entry === undefined || entry.state === 'Z' || entry.state === 'X';
}
