import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './support/chat-app';

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = join(repoRoot, 'infra', 'write-amplify-outputs.ts');

const outputs = {
  GraphQLUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql',
  RealtimeUrl: 'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.us-east-1.amazonaws.com/graphql',
  Region: 'us-east-1',
  UserPoolId: 'us-east-1_ZyXwVuTsR',
  UserPoolClientId: 'client1234567890',
  TableName: 'chat-table',
};

describe('infra/write-amplify-outputs.ts as a command', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chat-outputs-cli-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the file for the named stack and says where it points', async () => {
    writeFileSync(join(dir, 'outs.json'), JSON.stringify({ DevChat: outputs }));
    const { stdout } = await run(tsx, [script, '--outputs-file', 'outs.json', '--stack', 'DevChat', '--out', 'amplify.json'], { cwd: dir });
    expect(stdout.trim()).toBe(`Wrote amplify.json for ${outputs.GraphQLUrl}`);
    const written = JSON.parse(readFileSync(join(dir, 'amplify.json'), 'utf8'));
    expect(written.version).toBe('1.4');
    expect(written.auth.user_pool_id).toBe('us-east-1_ZyXwVuTsR');
    expect(written.data.url).toBe(outputs.GraphQLUrl);
  });

  it('exits 1 with the error code and writes nothing when the default outputs file is missing', async () => {
    const failure = await run(tsx, [script], { cwd: dir }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'OutputsFileNotFound: Cannot read cdk-outputs.json: deploy with `npx cdk deploy --outputs-file cdk-outputs.json` first',
    );
    expect(existsSync(join(dir, 'amplify_outputs.json'))).toBe(false);
  });
});
