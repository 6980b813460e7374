/**
 * The twin serves HTTP and HTTPS on one port (Amplify always dials wss://). attachRealtime takes
 * both servers; here a byte-sniffing listener hands each TCP connection to one of them, as the
 * twin's server does, and ws:// and wss:// subscribers share one hub.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { generate } from 'selfsigned';
import { FakeBackend, ON_NEW_MESSAGE, startFrame } from './support/fake-backend';
import { FrameClient } from './support/frame-client';
import { SubscriptionHub } from '../../../local/realtime/hub';
import { attachRealtime, type RealtimeServer } from '../../../local/realtime/ws-server';

const TLS_HANDSHAKE = 0x16;

let listener: NetServer;
let realtime: RealtimeServer;
let hub: SubscriptionHub;
let port: number;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048 });
  const httpServer = createHttpServer();
  const httpsServer = createHttpsServer({ key: pems.private, cert: pems.cert });
  hub = new SubscriptionHub();
  realtime = attachRealtime([httpServer, httpsServer], { backend: new FakeBackend(), hub });
  listener = createNetServer((socket) => {
    socket.once('data', (chunk) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === TLS_HANDSHAKE ? httpsServer : httpServer).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});

afterAll(async () => {
  await realtime.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

it('ws:// and wss:// clients on the same port share subscriptions and are closed on shutdown', async () => {
  const header = Buffer.from(JSON.stringify({ Authorization: 'allow-ann' })).toString('base64url');
  const plain = await FrameClient.connected(`ws://127.0.0.1:${port}/graphql/realtime`);
  const secure = await FrameClient.open(`wss://127.0.0.1:${port}/graphql/realtime`, ['graphql-ws', `header-${header}`], {
    rejectUnauthorized: false,
  });
  secure.send({ type: 'connection_init' });
  expect(await secure.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
  expect(await secure.next()).toEqual({ type: 'ka' });

  for (const [client, id] of [[plain, 'plain'], [secure, 'secure']] as const) {
    client.send(startFrame(id, ON_NEW_MESSAGE, { roomId: 'r1' }));
    expect(await client.nextNonKa()).toEqual({ type: 'start_ack', id });
  }
  expect(hub.publish({ mutationField: 'sendMessage', result: { roomId: 'r1', id: 'm1', content: 'hi', sender: 'ann' } })).toBe(2);
  expect(await plain.nextNonKa()).toMatchObject({ type: 'data', id: 'plain', payload: { data: { onNewMessage: { id: 'm1' } } } });
  expect(await secure.nextNonKa()).toMatchObject({ type: 'data', id: 'secure', payload: { data: { onNewMessage: { id: 'm1' } } } });

  expect(realtime.connectionCount).toBe(2);
  await realtime.close();
  expect((await plain.closed).code).toBe(1001);
  expect((await secure.closed).code).toBe(1001);
});
