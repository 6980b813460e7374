/**
 * The twin as a child process for the load tests:
 * `node --import tsx twin-process.ts <data-dir | --in-memory>`.
 * It starts the twin on 127.0.0.1, port 0, and prints one JSON line (TwinProcessInfo) on stdout
 * once it listens; logs go to stderr. SIGTERM stops it cleanly; the tests SIGKILL it on purpose.
 * Running the twin in its own process keeps the load generator off its event loop.
 */
import { startTwin } from '../../../local/twin';
import { twinProcessInfo } from './twin-process-info';

/** What the child reports once it is ready. */
export interface TwinProcessInfo {
  pid: number;
  graphqlUrl: string;
  realtimeUrl: string;
  cognitoEndpoint: string;
  clientId: string;
  userPoolId: string;
  region: string;
  caCert: string;
  dynamodbEndpoint: string;
  tableName: string;
  accessKey: { accessKeyId: string; secretAccessKey: string };
}

async function main(dataDir: string | null): Promise<void> {
  const twin = await startTwin({ port: 0, dataDir, outputsPath: null, logLevel: 'warn' });
  const info: TwinProcessInfo = twinProcessInfo(twin);
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.once('SIGTERM', () => {
    twin.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

const where = process.argv[2];
if (!where) {
  process.stderr.write('usage: twin-process.ts <data-dir | --in-memory>\n');
  process.exit(2);
}
main(where === '--in-memory' ? null : where).catch((error: unknown) => {
  process.stderr.write(`the twin could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
