// `npm start` spawns DynamoDB Local's JVM before it loads the twin's module graph, so the two
// start in parallel, and the twin then serves on that very JVM and supervises it as its own
// (a JVM killed afterwards is restarted). Observed from outside: a preloaded script lists the
// CLI's children at the moment local/twin.ts is first required.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants } from '../../load/support/twin-child';

const root = join(__dirname, '..', '..', '..');
const reporter = join(__dirname, 'fixtures', 'report-children-at-twin-load.js');

/** npm start's command, as package.json has it ("node <flags> local/cli/start.ts"). */
function startCommand(): string[] {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = script.split(/\s+/);
  expect(command).toBe('node');
  return args;
}

interface Child {
  pid: number;
  command: string;
}

it('spawns the JVM before loading the twin, serves on it, and restarts it when it dies', async () => {
  const cli = spawn(
    process.execPath,
    ['--require', reporter, ...startCommand(), '--in-memory', '--port', '0', '--outputs', '', '--log-level', 'info'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const until = (seen: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (seen()) resolve();
        else if (cli.exitCode !== null) reject(new Error(`the CLI exited before ${what}:\n${stderr}`));
        else return;
        waiters.splice(waiters.indexOf(check), 1);
      };
      waiters.push(check);
      check();
    });
  const wake = () => [...waiters].forEach((check) => check());
  cli.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString('utf8')), wake()));
  cli.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString('utf8')), wake()));
  cli.once('exit', wake);

  try {
    await until(() => stdout.includes('Ctrl-C stops the twin.'), 'it was ready');
    const report = /^twin-module-load (.*)$/m.exec(stderr)?.[1];
    expect(report).toBeDefined(); // the twin's module graph was loaded, and seen loading
    const atTwinLoad = (JSON.parse(String(report)) as { children: Child[] }).children;
    const early = atTwinLoad.filter((child) => child.command.includes('DynamoDBLocal.jar'));
    expect(early).toHaveLength(1);

    // The twin serves on that JVM: no second one was spawned, and the one it reports is under it.
    const dynamodbLocals = () => descendants(cli.pid as number).filter((p) => p.command === 'java');
    const [jvm, ...others] = dynamodbLocals();
    expect(others).toEqual([]);
    expect(descendants((early[0] as Child).pid).map((p) => p.pid)).toContain(jvm?.pid);
    const graphqlUrl = String(/GraphQL\s+(http:\/\/\S+\/graphql)/.exec(stdout)?.[1]);
    const answer = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ myRooms { id } }"}' });
    expect(answer.status).toBe(401);

    // Supervised as its own: killed, it is restarted.
    process.kill(jvm?.pid as number, 'SIGKILL');
    await until(() => stderr.includes('"event":"dynamodb-local-restarted"'), 'DynamoDB Local was restarted');
    expect(dynamodbLocals().map((p) => p.pid)).not.toContain(jvm?.pid);
    expect(dynamodbLocals()).toHaveLength(1);
  } finally {
    cli.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 90000);
