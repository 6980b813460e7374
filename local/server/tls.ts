/**
 * The twin's certificate: a local CA and a server certificate for 127.0.0.1 / localhost signed
 * by it, made with `selfsigned` on first start and kept under <dataDir>/tls so that clients trust
 * one stable CA (NODE_EXTRA_CA_CERTS=<dataDir>/tls/ca.pem). Without a data dir both live in
 * memory for the process only.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsMaterial {
  caCert: string;
  cert: string;
  key: string;
  /** Where ca.pem is on disk, or null in memory mode. */
  caCertPath: string | null;
}

const tenYears = () => new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);

async function createMaterial(): Promise<Omit<TlsMaterial, 'caCertPath'>> {
  // Loaded only to make a certificate (selfsigned pulls in ~200 modules): a start on a data
  // directory that has one reads it and never loads them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generate } = require('selfsigned') as typeof import('selfsigned');
  // ECDSA P-256 keys: made in tens of milliseconds where an RSA-2048 pair took 0.5-2 s of a
  // loaded machine, on every start in memory; every browser and Node accepts them.
  const ca = await generate([{ name: 'commonName', value: 'Chat API local twin CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: tenYears(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Browsers refuse server certificates valid for more than about 13 months.
    notAfterDate: new Date(Date.now() + 390 * 24 * 3600 * 1000),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true }, // ECDSA signs; it enciphers no keys
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caCert: ca.cert, cert: server.cert, key: server.private };
}

function stillValid(certPem: string): boolean {
  try {
    return new Date(new X509Certificate(certPem).validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

export async function ensureTlsMaterial(dataDir: string | null): Promise<TlsMaterial> {
  if (dataDir === null) return { ...(await createMaterial()), caCertPath: null };
  const dir = join(dataDir, 'tls');
  const paths = { caCert: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
  if (existsSync(paths.caCert) && existsSync(paths.cert) && existsSync(paths.key)) {
    const stored = { caCert: readFileSync(paths.caCert, 'utf8'), cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8') };
    if (stillValid(stored.cert) && stillValid(stored.caCert)) return { ...stored, caCertPath: paths.caCert };
  }
  const made = await createMaterial();
  mkdirSync(dir, { recursive: true });
  writeFileSync(paths.caCert, made.caCert);
  writeFileSync(paths.cert, made.cert);
  writeFileSync(paths.key, made.key, { mode: 0o600 });
  return { ...made, caCertPath: paths.caCert };
}
