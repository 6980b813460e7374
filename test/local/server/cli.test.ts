// `npm start` as a process: it prints what a developer needs, serves, and stops cleanly on
// SIGINT and SIGTERM (exit 0, port closed).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function startCli(): { child: ChildProcess; banner: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local/cli/start.ts'), '--in-memory', '--port', '0', '--outputs', '', '--log-level', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const banner = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Ctrl-C stops the twin.')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before it was ready: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, banner, exited };
}

describe('npm start (local/cli/start.ts)', () => {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('prints the endpoints, users and keys, serves, and stops on %s', async (signal) => {
    const cli = startCli();
    started.push(cli.child);
    const banner = await cli.banner;
    const graphqlUrl = /GraphQL\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(banner)?.[1];
    expect(graphqlUrl).toBeDefined();
    const port = new URL(String(graphqlUrl)).port;
    expect(banner).toContain(`wss://127.0.0.1:${port}/graphql/realtime`);
    expect(banner).toContain(`http://127.0.0.1:${port}/console`);
    expect(banner).toMatch(/alice\s+Alice#Local1\s+groups: Admins, Members/);
    expect(banner).toMatch(/bob\s+Bob#Local1\s+groups: Members/);
    expect(banner).toMatch(/carol\s+Carol#Local1\s+groups: \(none\)/);
    expect(banner).toMatch(/IAM access key AKIA\w{16}/);
    expect(banner).toContain(`userPoolEndpoint: 'http://127.0.0.1:${port}/'`);

    const unauthenticated = await fetch(String(graphqlUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ myRooms { id } }"}' });
    expect(unauthenticated.status).toBe(401);

    cli.child.kill(signal);
    expect(await cli.exited).toBe(0);
    await expect(fetch(String(graphqlUrl))).rejects.toThrow();
  }, 60000);
});
