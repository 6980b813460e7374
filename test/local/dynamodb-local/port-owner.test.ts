// DynamoDB Local started on a port that another process already answers on: it must not take
// that answer for its own (a restarted twin once read an empty table from a foreign JVM that had
// taken the freed port). The stand-in here is an HTTP server in this process that answers
// ListTables as DynamoDB would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBLocalStartError, startDynamoDBLocal } from '../../../local/dynamodb-local';
import { holdsListeningPort, listeningInodes } from '../../../local/dynamodb-local/port-owner';

const LAUNCH_TIMEOUT_MS = 60000;

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('listeningInodes', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:1F40 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1',
    '   2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0',
  ].join('\n');

  it.each([
    ['port 8000 (1F40) in LISTEN', 8000, ['111']],
    ['port 80 (0050)', 80, ['333']],
    ['a port nobody listens on', 50000, []],
  ])('%s', (_name, port, expected) => {
    expect(listeningInodes(table, port)).toEqual(expected);
  });
});

describe('holdsListeningPort', () => {
  it('is true for this process and the port it listens on, false for a port it does not', async () => {
    const server = createServer();
    const other = createServer();
    try {
      const port = await listening(server);
      const otherPort = await listening(other);
      other.close();
      expect({ own: holdsListeningPort(process.pid, port), closed: holdsListeningPort(process.pid, otherPort) }).toEqual({ own: true, closed: false });
    } finally {
      server.close();
    }
  });
});

it('startDynamoDBLocal on a port another process answers on fails as "port taken" instead of using that answer', async () => {
  let answered = 0;
  const foreign = createServer((request, response) => {
    answered++;
    request.resume();
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"TableNames":[]}');
  });
  try {
    const port = await listening(foreign);
    const started = startDynamoDBLocal({ port });
    await expect(started).rejects.toBeInstanceOf(DynamoDBLocalStartError);
    const error = (await started.catch((e: unknown) => e)) as DynamoDBLocalStartError;
    expect({ portTaken: error.portTaken, foreignServerAsked: answered > 0 }).toEqual({ portTaken: true, foreignServerAsked: true });
  } finally {
    foreign.close();
  }
}, LAUNCH_TIMEOUT_MS);
