// A JVM spawned early (npm start spawns it before loading the twin) and handed to
// startDynamoDBLocal: it is waited for as the first attempt, with the same port semantics as a
// normal start, and one spawned for another data directory is refused.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient, spawnDynamoDBLocalEarly, startDynamoDBLocal } from '../../../local/dynamodb-local';

const LAUNCH_TIMEOUT_MS = 90000;

it('waits for the early JVM, and when another process had taken its port starts one on a free port', async () => {
  const foreign = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"TableNames":[]}');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const takenPort = (foreign.address() as AddressInfo).port;
  try {
    const spawned = await spawnDynamoDBLocalEarly({ dataDir: null, port: takenPort });
    const local = await startDynamoDBLocal({ dataDir: null }, spawned);
    try {
      expect(await spawned.exited).toEqual({ code: expect.any(Number) }); // the early one could not bind and is gone
      expect(local.port).not.toBe(takenPort);
      const client = createLocalDynamoDBClient(local.endpoint);
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
      client.destroy();
    } finally {
      await local.stop();
    }

    // On a free port, the early JVM is the one that serves.
    const early = await spawnDynamoDBLocalEarly({ dataDir: null });
    const served = await startDynamoDBLocal({ dataDir: null }, early);
    try {
      expect({ port: served.port, jvmPid: served.jvmPid }).toEqual({ port: early.port, jvmPid: await early.jvmPid });
    } finally {
      await served.stop();
    }
  } finally {
    foreign.close();
  }
}, LAUNCH_TIMEOUT_MS);

it('refuses a JVM spawned for another data directory', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spawned-dynamodb-'));
  const spawned = await spawnDynamoDBLocalEarly({ dataDir: null });
  try {
    await expect(startDynamoDBLocal({ dataDir }, spawned)).rejects.toThrow(`The DynamoDB Local spawned earlier uses memory, not ${dataDir}`);
  } finally {
    await spawned.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
