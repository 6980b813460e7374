// A twin whose start fails leaves nothing behind: not the DynamoDB Local it started (built while
// the JVM starts, the API and server are closed too), whichever step failed.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { startTwin } from '../../../local/twin';
import { descendants } from '../../load/support/twin-child';

const javaBelowUs = () => descendants(process.pid).filter((p) => p.command === 'java');

it('a port in use: startTwin rejects with EADDRINUSE and its DynamoDB Local is gone', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as AddressInfo).port;
  try {
    const started = startTwin({ port, dataDir: null, outputsPath: null, warmUp: false, logger: pino({ level: 'silent' }) });
    await expect(started).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(javaBelowUs()).toEqual([]);
  } finally {
    holder.close();
  }
}, 60000);

it('DynamoDB Local that cannot start: startTwin rejects with its error', async () => {
  const java = process.env.JAVA;
  process.env.JAVA = '/bin/false';
  try {
    const started = startTwin({ port: 0, dataDir: null, outputsPath: null, warmUp: false, logger: pino({ level: 'silent' }) });
    await expect(started).rejects.toMatchObject({ code: 'DYNAMODB_LOCAL_START_FAILED' });
  } finally {
    if (java === undefined) delete process.env.JAVA;
    else process.env.JAVA = java;
  }
  expect(javaBelowUs()).toEqual([]);
}, 60000);
