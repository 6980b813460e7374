// The README's evaluate-code commands, run exactly as written in a shell from the repository
// root (the state of a fresh clone after `npm ci`): README_BLOCKS is the text proposed for the
// README, and every ```sh block of README.md that runs bin/evaluate-code must be one of them.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../..');

const README_BLOCKS = {
  build: 'npm run build:resolvers',
  evaluate: [
    'node bin/evaluate-code --runtime name=APPSYNC_JS,runtimeVersion=1.0.0 \\',
    '  --code file://build/resolvers/Mutation.sendMessage.js \\',
    '  --context file://test/fixtures/contexts/Mutation.sendMessage.request.json --function request',
  ].join('\n'),
  query: [
    'node bin/evaluate-code --runtime name=APPSYNC_JS,runtimeVersion=1.0.0 \\',
    '  --code file://build/resolvers/Mutation.sendMessage.js \\',
    '  --context file://test/fixtures/contexts/Mutation.sendMessage.response.json --function response \\',
    '  --query evaluationResult --output text',
  ].join('\n'),
} as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function shell(script: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', COLUMNS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The ```sh blocks of the README that run bin/evaluate-code, comments and blank lines dropped. */
function readmeEvaluateBlocks(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .filter((block) => block.includes('bin/evaluate-code'))
    .map((block) => block.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#')).join('\n'));
}

describe("the README's evaluate-code commands", () => {
  beforeAll(async () => {
    const build = await shell(README_BLOCKS.build);
    // On failure jest prints the whole run, stderr included (the bundler names what it could not build).
    expect(build).toMatchObject({ code: 0 });
  }, 180_000);

  it('the request handler of sendMessage with the sample context', async () => {
    const run = await shell(README_BLOCKS.evaluate);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { evaluationResult: string; stash: string; logs: string[]; outErrors: string };
    expect(Object.keys(answer)).toEqual(['evaluationResult', 'logs', 'stash', 'outErrors']);
    expect(JSON.parse(answer.evaluationResult)).toEqual({});
    const stash = JSON.parse(answer.stash) as { clientMessageId: string; message: Record<string, unknown> };
    expect(stash.clientMessageId).toBe('c-0001');
    expect(stash.message).toMatchObject({ roomId: '01HZY3M9Q6B8J4K2N7P5R3T1VW', sender: 'alice', content: 'Hello, room!', deleted: false });
    expect(stash.message.id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  }, 120_000);

  it('the response handler with --query evaluationResult --output text prints the message JSON alone', async () => {
    const run = await shell(README_BLOCKS.query);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const context = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/contexts/Mutation.sendMessage.response.json'), 'utf8')) as { prev: { result: unknown } };
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual(context.prev.result);
  }, 120_000);

  it('every evaluate-code block in README.md is one of these, so the README shows what is tested', () => {
    const tested = [README_BLOCKS.evaluate, README_BLOCKS.query, `${README_BLOCKS.build}\n${README_BLOCKS.evaluate}`, `${README_BLOCKS.build}\n${README_BLOCKS.query}`];
    const blocks = readmeEvaluateBlocks();
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(tested).toContain(block);
  });
});
