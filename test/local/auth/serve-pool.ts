// Test helper: the user pool's HTTP handler on a real server at 127.0.0.1:0, recording
// every x-amz-target it receives.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCognitoHttpHandler } from '../../../local/auth/http-handler';
import type { UserPool } from '../../../local/auth/user-pool';

export interface ServedPool {
  server: Server;
  baseUrl: string;
  targets: string[];
  close: () => Promise<void>;
}

export async function servePool(pool: UserPool): Promise<ServedPool> {
  const handle = createCognitoHttpHandler(pool);
  const targets: string[] = [];
  const server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') targets.push(target.split('.').pop() ?? target);
    handle(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  pool.setIssuerBaseUrl(baseUrl);
  return {
    server,
    baseUrl,
    targets,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
