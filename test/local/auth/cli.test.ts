// twin-users against a running pool server: add, add-to-group, list, and failures with the
// Cognito error; plus the bin shim as a real child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTwinUsers } from '../../../local/auth/cli';
import { UserPool } from '../../../local/auth/user-pool';
import { servePool, type ServedPool } from './serve-pool';

let pool: UserPool;
let served: ServedPool;
let workDir: string;
let outputsPath: string;

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTwinUsers([...args, '--outputs', outputsPath, '--data-dir', workDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

beforeAll(async () => {
  pool = await UserPool.open();
  served = await servePool(pool);
  workDir = mkdtempSync(join(tmpdir(), 'twin-users-'));
  outputsPath = join(workDir, 'amplify_outputs.json');
  // The shape the twin writes: the pool id, and the GraphQL URL on the same origin.
  writeFileSync(outputsPath, JSON.stringify({ version: '1.4', auth: { user_pool_id: pool.poolId, user_pool_client_id: pool.clientId }, data: { url: `${served.baseUrl}/graphql` } }));
});

afterAll(async () => {
  await served.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('twin-users', () => {
  it('adds a confirmed user with email and groups', async () => {
    const result = await cli('add', 'dave', '--password', 'Dave#Local123', '--email', 'dave@example.com', '--group', 'Members');
    expect(result).toEqual({ code: 0, out: ['added dave to Members'], err: [] });
    const dave = pool.getUser('dave');
    expect(dave).toMatchObject({ status: 'CONFIRMED', groups: ['Members'], attributes: { email: 'dave@example.com', email_verified: 'true' } });
    expect(pool.passwordMatches(dave, 'Dave#Local123')).toBe(true);
  });

  it('adds a user to a group', async () => {
    await expect(cli('add-to-group', 'carol', 'Members')).resolves.toEqual({ code: 0, out: ['added carol to Members'], err: [] });
    expect(pool.getUser('carol').groups).toEqual(['Members']);
  });

  it('lists users with status, email and groups', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    expect(out.map((line) => line.split(/\s+/))).toEqual([
      ['alice', 'CONFIRMED', 'alice@example.com', 'Admins,Members'],
      ['bob', 'CONFIRMED', 'bob@example.com', 'Members'],
      ['carol', 'CONFIRMED', 'carol@example.com', 'Members'],
      ['dave', 'CONFIRMED', 'dave@example.com', 'Members'],
    ]);
  });

  it.each([
    ['an existing user', ['add', 'bob', '--password', 'Bob#Local9'], 'UsernameExistsException: User already exists'],
    ['a weak password', ['add', 'erin', '--password', 'weak'], 'InvalidPasswordException: Password did not conform with policy: Password not long enough'],
    ['an unknown group', ['add-to-group', 'bob', 'Nope'], 'ResourceNotFoundException: Group not found.'],
    ['an unknown user', ['add-to-group', 'nobody', 'Members'], 'UserNotFoundException: User does not exist.'],
  ])('fails on %s with the Cognito error and changes nothing', async (_label, args, message) => {
    const before = JSON.stringify(pool.listUsers());
    await expect(cli(...args)).resolves.toEqual({ code: 1, out: [], err: [message] });
    expect(JSON.stringify(pool.listUsers())).toBe(before);
  });

  it('explains when no twin is found', async () => {
    const err: string[] = [];
    const absent = join(workDir, 'absent.json');
    const result = await runTwinUsers(['list', '--outputs', absent], { out: () => undefined, err: (l) => err.push(l) });
    expect(result).toBe(1);
    expect(err).toEqual([`Error: No running twin found: ${absent} is missing; start the twin or pass --endpoint and --user-pool-id.`]);
  });

  it('runs as bin/twin-users', async () => {
    const bin = resolve(__dirname, '../../../bin/twin-users');
    const stdout = await new Promise<string>((done, fail) =>
      execFile(process.execPath, [bin, 'list', '--outputs', outputsPath, '--data-dir', workDir], (error, out) => (error ? fail(error) : done(out))),
    );
    expect(stdout.split('\n')[0].split(/\s+/)).toEqual(['alice', 'CONFIRMED', 'alice@example.com', 'Admins,Members']);
  });
});
