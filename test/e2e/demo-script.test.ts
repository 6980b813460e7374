// The README's script (scripts/twin-demo.ts) as a user runs it: its own Node process, trusting
// the twin's CA through NODE_EXTRA_CA_CERTS, configured from the written amplify_outputs.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwin, type Twin } from '../../local/twin';

const root = join(__dirname, '..', '..');
let dataDir: string;
let twin: Twin;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'twin-demo-'));
  twin = await startTwin({ dataDir, port: 0, outputsPath: join(dataDir, 'amplify_outputs.json'), logLevel: 'warn' });
}, 60000);

afterAll(async () => {
  await twin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60000);

it('signs in, creates a room, receives its own message over wss:// and exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/twin-demo.ts')], {
    cwd: root,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: String(twin.caCertPath), TWIN_OUTPUTS: String(twin.outputsPath), TWIN_CA: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
  expect(out).toContain('signed in as alice: DONE');
  const received = JSON.parse(out.slice(out.indexOf('subscription received:') + 'subscription received:'.length)) as {
    data: { onNewMessage: { content: string; sender: string } };
  };
  expect(received.data.onNewMessage).toMatchObject({ content: 'Hello from the twin demo', sender: 'alice' });
}, 60000);
