// The twin's TLS material as clients use it: a real TLS handshake to 127.0.0.1 and localhost
// that trusts only the CA, a server certificate browsers accept (at most 398 days), and one
// stable CA per data directory across starts.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { ensureTlsMaterial, type TlsMaterial } from '../../../local/server/tls';

function listen(material: TlsMaterial): Promise<Server> {
  const server = createServer({ cert: material.cert, key: material.key }, (_request, response) => response.end('ok'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Handshakes trusting only `ca`, naming `servername`: resolves whether the peer was authorized. */
function handshake(port: number, ca: string, servername: string): Promise<{ authorized: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername, rejectUnauthorized: false }, () => {
      resolve({ authorized: socket.authorized, error: socket.authorizationError?.toString() });
      socket.end();
    });
    socket.once('error', (error) => resolve({ authorized: false, error: error.message }));
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it('makes a CA and a server certificate that a client trusting only the CA accepts for 127.0.0.1 and localhost', async () => {
  const material = await ensureTlsMaterial(null);
  expect(material.caCertPath).toBeNull();
  const server = await listen(material);
  try {
    const port = (server.address() as { port: number }).port;
    expect(await handshake(port, material.caCert, 'localhost')).toEqual({ authorized: true });
    // An IP is not sent as SNI; the check is against the certificate's IP SAN.
    const byIp = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca: material.caCert }, () => {
        resolve(socket.authorized);
        socket.end();
      });
      socket.once('error', () => resolve(false));
    });
    expect(byIp).toBe(true);
    // Another CA is not trusted: the test can fail.
    const other = await ensureTlsMaterial(null);
    expect((await handshake(port, other.caCert, 'localhost')).authorized).toBe(false);
  } finally {
    server.close();
  }

  const cert = new X509Certificate(material.cert);
  const ca = new X509Certificate(material.caCert);
  expect(cert.checkIssued(ca)).toBe(true);
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(ca.ca).toBe(true);
  expect(cert.ca).toBe(false);
  const days = (Date.parse(cert.validTo) - Date.now()) / (24 * 3600 * 1000);
  expect(days).toBeLessThanOrEqual(398);
  expect(days).toBeGreaterThan(300);
});

it('keeps one CA per data directory across starts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twin-tls-'));
  dirs.push(dataDir);
  const first = await ensureTlsMaterial(dataDir);
  const second = await ensureTlsMaterial(dataDir);
  expect(first.caCertPath).toBe(join(dataDir, 'tls', 'ca.pem'));
  expect(second).toEqual(first);
  const otherDir = mkdtempSync(join(tmpdir(), 'twin-tls-'));
  dirs.push(otherDir);
  expect((await ensureTlsMaterial(otherDir)).caCert).not.toBe(first.caCert);
});
