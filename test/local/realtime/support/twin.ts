/** A real HTTP server on 127.0.0.1:0 with the realtime side attached, for integration tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SubscriptionHub } from '../../../../local/realtime/hub';
import type { RealtimeLimits } from '../../../../local/realtime/limits';
import type { Timers } from '../../../../local/realtime/protocol';
import { attachRealtime, type RealtimeServer } from '../../../../local/realtime/ws-server';
import { FakeBackend } from './fake-backend';

export interface TestTwin {
  url: string;
  port: number;
  backend: FakeBackend;
  hub: SubscriptionHub;
  realtime: RealtimeServer;
  server: Server;
  close(): Promise<void>;
}

export async function startTwin(limits: Partial<RealtimeLimits> = {}, timers?: Timers, closeTimeoutMs?: number): Promise<TestTwin> {
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const backend = new FakeBackend();
  // A real pino logger (silent) checks that the twin's logger fits RealtimeLogger.
  const logger = pino({ level: 'silent' });
  const hub = new SubscriptionHub(logger);
  const realtime = attachRealtime(server, { backend, hub, limits, logger, timers, closeTimeoutMs });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql/realtime`,
    port,
    backend,
    hub,
    realtime,
    server,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
