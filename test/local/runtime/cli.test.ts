// The evaluate-code CLI as a user runs it: a child process, real files, stdout JSON and exit codes.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.join(__dirname, '../../../bin/evaluate-code');

// Each case starts a Node process (tsx, the static checker): slow on a busy machine.
jest.setTimeout(120_000);
const RUNTIME = 'name=APPSYNC_JS,runtimeVersion=1.0.0';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', COLUMNS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/evaluate-code', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'evaluate-code-'));
    await writeFile(
      path.join(dir, 'getRoom.js'),
      [
        "import { util } from '@aws-appsync/utils';",
        'export function request(ctx) {',
        "  console.log('getRoom', ctx.args.roomId);",
        '  ctx.stash.asked = ctx.args.roomId;',
        "  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ PK: 'ROOM#' + ctx.args.roomId, SK: 'META' }) };",
        '}',
        'export function response(ctx) {',
        '  if (!ctx.result) {',
        "    util.error('Room not found', 'NotFound');",
        '  }',
        '  return ctx.result;',
        '}',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'context.json'), JSON.stringify({ arguments: { roomId: 'r1' } }));
    await writeFile(path.join(dir, 'empty-result.json'), JSON.stringify({ arguments: { roomId: 'r1' }, result: null }));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the evaluation as the AWS CLI does and exits 0', async () => {
    const run = await runCli(['--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', 'file://context.json', '--function', 'request', '--output', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['evaluationResult', 'logs', 'stash', 'outErrors']);
    expect(JSON.parse(printed.evaluationResult as string)).toEqual({ operation: 'GetItem', key: { PK: { S: 'ROOM#r1' }, SK: { S: 'META' } } });
    expect(printed.logs).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-f-]{36} INFO getRoom r1$/)]);
    expect(printed.stash).toBe('{"asked":"r1"}');
    expect(printed.outErrors).toBe('[]');
    // Four-space indentation, like the AWS CLI's JSON output.
    expect(run.stdout.split('\n')[1]).toMatch(/^ {4}"evaluationResult": /);
  });

  it('takes inline code and context and a JSON runtime', async () => {
    const code = 'export function request(ctx) {\n  return ctx.args.n + 1;\n}\n';
    const run = await runCli(['--runtime', '{"name":"APPSYNC_JS","runtimeVersion":"1.0.0"}', '--code', code, '--context', '{"arguments":{"n":41}}'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ evaluationResult: '42', logs: [], stash: '{}', outErrors: '[]' });
  });

  it('accepts the AWS CLI global options a script passes along, and ignores them', async () => {
    const flags = ['--region', 'eu-west-1', '--profile', 'dev', '--endpoint-url', 'https://appsync.eu-west-1.amazonaws.com', '--cli-binary-format', 'raw-in-base64-out', '--no-cli-pager'];
    const run = await runCli([...flags, '--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', 'file://context.json', '--function', 'request'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(JSON.parse(run.stdout).evaluationResult as string)).toEqual({ operation: 'GetItem', key: { PK: { S: 'ROOM#r1' }, SK: { S: 'META' } } });
  });

  it('prints an error result and exits 1', async () => {
    const run = await runCli(['--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', 'file://empty-result.json', '--function', 'response'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ error: { message: 'Room not found' }, logs: [], stash: '{}', outErrors: '[]' });
  });

  it.each([
    ['a wrong runtime version', ['--runtime', 'name=APPSYNC_JS,runtimeVersion=9.9.9', '--code', 'file://getRoom.js', '--context', 'file://context.json'], 254,
      '\nAn error occurred (BadRequestException) when calling the EvaluateCode operation: Unsupported runtime version 9.9.9 for APPSYNC_JS. Supported versions: 1.0.0\n'],
    ['a context that is not JSON', ['--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', '{"arguments":'], 254,
      '\nAn error occurred (BadRequestException) when calling the EvaluateCode operation: The context is not a valid JSON object.\n'],
    ['a missing code file', ['--runtime', RUNTIME, '--code', 'file://missing.js', '--context', 'file://context.json'], 252,
      "\nError parsing parameter 'code': Unable to load paramfile file://missing.js: [Errno 2] No such file or directory: 'missing.js'\n"],
    ['a --runtime that is not JSON', ['--runtime', '{"name":', '--code', 'file://getRoom.js', '--context', '{}'], 252,
      '\nError parsing parameter \'runtime\': expected {"name": ..., "runtimeVersion": ...}\n'],
    ['a missing --context', ['--runtime', RUNTIME, '--code', 'file://getRoom.js'], 252, "error: required option '--context <value>' not specified\n"],
    ['an output format the CLI does not have', ['--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', '{}', '--output', 'yaml'], 252,
      "\nargument --output: Invalid choice 'yaml', valid choices are: json | text | table\n"],
    ['a malformed --query', ['--runtime', RUNTIME, '--code', 'file://getRoom.js', '--context', 'file://context.json', '--query', 'logs['], 252,
      '\nBad value for --query logs[: Expected Star, got: EOF\n'],
  ])('refuses %s on stderr with a non-zero exit and prints nothing', async (_name, args, exitCode, stderr) => {
    const run = await runCli(args, dir);
    expect(run.code).toBe(exitCode);
    expect(run.stderr).toBe(stderr);
    expect(run.stdout).toBe('');
  });
});

describe('bin/evaluate-code --query, --output and --aws-exit-status', () => {
  let dir: string;
  const code = [
    'export function request(ctx) {',
    "  console.log('one');",
    '  ctx.stash.n = ctx.args.n;',
    '  return { n: ctx.args.n, ok: true };',
    '}',
    'export function response(ctx) {',
    "  util.error('Room not found', 'NotFound');",
    '}',
    '',
  ].join('\n');
  const base = (fn: string) => ['--runtime', RUNTIME, '--code', 'file://code.js', '--context', '{"arguments":{"n":3}}', '--function', fn];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'evaluate-code-output-'));
    await writeFile(path.join(dir, 'code.js'), code);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Expected text from the AWS CLI's formatters (awscli/text.py, awscli/table.py): text prints a
  // dict's scalars tab-separated in key order, then lists under their upper-cased key.
  it.each<[string, string[], string]>([
    ['--query evaluationResult --output text: the bare string', ['--query', 'evaluationResult', '--output', 'text'], '{"n":3,"ok":true}\n'],
    ['--query evaluationResult (json): the string as JSON', ['--query', 'evaluationResult'], '"{\\"n\\":3,\\"ok\\":true}"\n'],
    ['--query "[stash, outErrors]" --output text: one tab-separated line', ['--query', '[stash, outErrors]', '--output', 'text'], '{"n":3}\t[]\n'],
    ['--query "length(logs)"', ['--query', 'length(logs)'], '1\n'],
    ['--query of a missing member prints null', ['--query', 'error.message'], 'null\n'],
    ['--query a multiselect hash, as a table', ['--query', '{result: evaluationResult, stash: stash}', '--output', 'table'], [
      '----------------------------------',
      '|          EvaluateCode          |',
      '+--------------------+-----------+',
      '|       result       |   stash   |',
      '+--------------------+-----------+',
      '|  {"n":3,"ok":true} |  {"n":3}  |',
      '+--------------------+-----------+',
      '',
    ].join('\n')],
  ])('%s', async (_label, flags, stdout) => {
    const run = await runCli([...base('request'), ...flags], dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(stdout);
    expect(run.code).toBe(0);
  });

  it('--output text of the whole answer', async () => {
    const run = await runCli([...base('request'), '--output', 'text'], dir);
    const [scalars, logs, ...rest] = run.stdout.split('\n');
    expect(scalars).toBe('{"n":3,"ok":true}\t[]\t{"n":3}');
    expect(logs).toMatch(/^LOGS\t\S+ [0-9a-f-]{36} INFO one$/);
    expect(rest).toEqual(['']);
  });

  it('an error answer: exit 1 by default, 0 with --aws-exit-status, the same output either way', async () => {
    const plain = await runCli([...base('response'), '--output', 'text'], dir);
    const aws = await runCli([...base('response'), '--output', 'text', '--aws-exit-status'], dir);
    expect(plain.code).toBe(1);
    expect(aws.code).toBe(0);
    expect(plain.stdout).toBe('[]\t{}\nERROR\tRoom not found\n');
    expect(aws.stdout).toBe(plain.stdout);
  });

  it('--aws-exit-status does not hide a refused request (254) or bad arguments (252)', async () => {
    const refused = await runCli(['--runtime', 'name=APPSYNC_JS,runtimeVersion=9.9.9', '--code', 'file://code.js', '--context', '{}', '--aws-exit-status'], dir);
    const usage = await runCli(['--runtime', RUNTIME, '--code', 'file://missing.js', '--context', '{}', '--aws-exit-status'], dir);
    expect([refused.code, usage.code]).toEqual([254, 252]);
  });

  it('a table wider than the terminal turns single-row sections vertical ($COLUMNS, as the AWS CLI reads it)', async () => {
    const run = await runCli([...base('request'), '--output', 'table', '--query', '{result: evaluationResult, stash: stash}'], dir, { COLUMNS: '20' });
    expect(run.stdout).toBe([
      '---------------------------------',
      '|         EvaluateCode          |',
      '+---------+---------------------+',
      '|  result |  {"n":3,"ok":true}  |',
      '|  stash  |  {"n":3}            |',
      '+---------+---------------------+',
      '',
    ].join('\n'));
  });

  it('--help lists every flag with an example, and exits 0', async () => {
    const run = await runCli(['--help'], dir);
    expect(run.code).toBe(0);
    const flags = ['--runtime', '--code', '--context', '--function', '--output', '--query', '--aws-exit-status', '--region', '--profile', '--endpoint-url', '--cli-binary-format', '--no-cli-pager', '--no-verify-ssl', '--no-paginate', '--help'];
    const optionsPart = run.stdout.slice(run.stdout.indexOf('Options:'), run.stdout.indexOf('Examples:'));
    const entries = optionsPart.split(/\n(?= {2}-)/).slice(1);
    for (const flag of flags) {
      const entry = entries.find((e) => e.includes(flag));
      expect(entry).toBeDefined();
      expect(entry?.replace(/\s+/g, ' ')).toMatch(/e\.g\. \S/);
    }
    expect(entries).toHaveLength(flags.length);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--query evaluationResult --output text');
  });
});
