// twin.stop() with a moderation report still waiting for its 7-day decision: the process that
// ran the twin exits by itself. (The interpreter's Task timeout timer outlived the stop, so a
// test run that left a report open never exited.)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CHILD = resolve(__dirname, 'support/stop-with-open-report.ts');
/** Start, sign-ins, a report and the stop take a few seconds; an exit later than this is a hang. */
const EXIT_WITHIN_MS = 60_000;

it('a twin stopped with a report waiting for a decision leaves nothing that keeps its process alive', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('exit', (c, s) => done([c, s])));
  clearTimeout(killer);
  expect({ code, signal, stdout, error: stderr.split('\n').filter((line) => /Error|failed|never/.test(line)) }).toEqual({ code: 0, signal: null, stdout: 'stopped\n', error: [] });
}, EXIT_WITHIN_MS + 10_000);
