/**
 * `npm start -- --port 0` in a child process, in a throwaway view of the checkout: every
 * top-level entry linked but amplify_outputs.json and .data, so the twin writes those in the
 * view and the developer's own files are never touched. Commands run in the view see exactly
 * what they would see in the repository after `npm start`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** The twin's own files, which the view must not share with the repository. */
const NOT_LINKED = new Set(['amplify_outputs.json', '.data', 'cdk-outputs.json', '.git']);
/** A JVM, resolver warm-up and tsx on a shared 2-core machine. */
const START_TIMEOUT_MS = 150_000;

export interface NpmStartTwin {
  /** The checkout view the twin runs in. */
  dir: string;
  /** What `npm start` printed (the banner). */
  banner: string;
  stop(): Promise<void>;
}

export async function npmStartTwin(): Promise<NpmStartTwin> {
  const dir = mkdtempSync(join(tmpdir(), 'readme-checkout-'));
  for (const entry of readdirSync(REPO_ROOT)) {
    if (!NOT_LINKED.has(entry)) symlinkSync(join(REPO_ROOT, entry), join(dir, entry));
  }
  // Its own process group: npm, tsx and node go together on stop.
  const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // already gone
    }
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print its banner within ${START_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('Ctrl-C stops the twin.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`npm start exited before it was ready:\n${stdout}\n${stderr}`));
    });
  }).catch((error: unknown) => {
    signal('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    dir,
    banner: stdout,
    stop: async () => {
      // SIGTERM is the twin's clean stop (it stops DynamoDB Local); SIGKILL if it hangs.
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 15_000);
      await exited;
      // npm may exit before the twin under it: the group is gone when its last process is.
      // They are not our children, so there is no event for it; check every 50 ms.
      while (groupAlive(child.pid as number)) await delay(50);
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
