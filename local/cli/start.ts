/**
 * `npm start`: runs the local twin until Ctrl-C and prints what a developer needs to use it.
 *
 * DynamoDB Local's JVM takes seconds to answer, more than Node takes to load the twin, so it is
 * spawned first, from a module that loads nothing heavy, and the twin's module graph is loaded
 * only after the spawn: both then start in parallel.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawnDynamoDBLocalEarly, twinDynamoDBDataDir } from '../dynamodb-local/spawn';
import type { Twin } from '../twin';

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return port;
}

/**
 * Amplify in the browser always dials wss://, so the browser must trust the twin's certificate
 * before the chat page can go live; the banner says how, once per browser.
 */
function browserTlsSteps(twin: Twin): string[] {
  const ca = twin.caCertPath ? `trust ${twin.caCertPath} for good (README: "Trust the twin's certificate")` : 'run with a data dir to keep one CA';
  return [
    `  Browser TLS    live messages need wss://, so the browser must accept the twin's certificate once:`,
    `                 open ${twin.httpsUrl}/ and accept the warning (Chromium: Advanced > Proceed;`,
    `                 Firefox: Advanced > Accept the Risk and Continue), or ${ca}.`,
  ];
}

/** `sinceProcessStartMs`: from Node's start (performance.now()), module loading included. */
export function banner(twin: Twin, sinceProcessStartMs: number): string {
  const users = twin.users.map((u) => `    ${u.username.padEnd(8)} ${u.password.padEnd(14)} groups: ${u.groups.length ? u.groups.join(', ') : '(none)'}`);
  return [
    '',
    `Chat API local twin ready ${Math.round(sinceProcessStartMs)} ms after Node started (startTwin: ${twin.readyMs} ms)`,
    '',
    `  GraphQL        ${twin.graphqlUrl}   (also ${twin.httpsUrl}/graphql)`,
    `  Realtime       ${twin.realtimeUrl}`,
    `  Console        ${twin.url}/console`,
    `  Chat page      ${twin.url}/`,
    ...browserTlsSteps(twin),
    `  Cognito        ${twin.cognitoEndpoint}   pool ${twin.userPoolId}, client ${twin.clientId}`,
    '',
    '  Seeded users (username, password):',
    ...users,
    '',
    `  IAM access key ${twin.accessKey.accessKeyId}`,
    `  IAM secret     ${twin.accessKey.secretAccessKey}`,
    '',
    twin.caCertPath
      ? `  TLS CA         export NODE_EXTRA_CA_CERTS=${twin.caCertPath}`
      : '  TLS CA         in memory only (run with a data dir to keep one)',
    twin.outputsPath ? `  Amplify config ${twin.outputsPath}` : '  Amplify config not written (--outputs "")',
    '',
    '  An Amplify client adds the user-pool endpoint after configuring from amplify_outputs.json:',
    `    Amplify.configure({ ...Amplify.getConfig(), Auth: { Cognito: { ...Amplify.getConfig().Auth!.Cognito!, userPoolEndpoint: '${twin.cognitoEndpoint}' } } });`,
    '',
    '  Ctrl-C stops the twin.',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('twin')
    .description('Run the chat API locally: GraphQL, realtime, Cognito user pool and DynamoDB Local on one port.')
    .option('--port <port>', 'port for HTTP and HTTPS (0 = any free port)', portNumber, process.env.PORT ? portNumber(process.env.PORT) : 4000)
    .option('--data-dir <dir>', 'where the twin keeps its state', '.data')
    .option('--in-memory', 'keep nothing on disk')
    .option('--dynamodb-endpoint <url>', 'use this DynamoDB instead of starting DynamoDB Local', process.env.DYNAMODB_ENDPOINT)
    .option('--log-level <level>', 'pino log level (trace, debug, info, warn, error)', 'info')
    .option('--outputs <path>', 'where to write amplify_outputs.json ("" = do not write)', 'amplify_outputs.json')
    .parse(argv);
  const opts = program.opts<{ port: number; dataDir: string; inMemory?: boolean; dynamodbEndpoint?: string; logLevel: string; outputs: string }>();

  const dataDir = opts.inMemory ? null : opts.dataDir;
  const dynamodbEndpoint = opts.dynamodbEndpoint || undefined;
  const spawnedDynamoDBLocal = dynamodbEndpoint ? undefined : await spawnDynamoDBLocalEarly({ dataDir: twinDynamoDBDataDir(dataDir) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the spawn on purpose (see the top)
  const { startTwin } = require('../twin') as typeof import('../twin');
  const twin = await startTwin({
    port: opts.port,
    dataDir,
    dynamodbEndpoint,
    spawnedDynamoDBLocal,
    logLevel: opts.logLevel,
    outputsPath: opts.outputs === '' ? null : opts.outputs,
  });
  process.stdout.write(banner(twin, performance.now()));

  // DynamoDB Local died and could not be restarted: exit non-zero rather than serve only errors.
  twin.dynamodbLocal?.events.once('gaveUp', (error) => {
    process.stderr.write(`\n${error.message}\nThe twin cannot serve without DynamoDB: exiting.\n`);
    void twin.stop().finally(() => process.exit(1));
  });

  const shutdown = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the twin...\n`);
    twin.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`The twin could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
