// The one access key the twin accepts for SigV4 (AWS_IAM fields and admin user-pool calls).
// Generated once under the data directory; fixed, well-known values in memory mode.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Account id the twin reports in IAM identities and ARNs. */
  accountId: string;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

/** Used when the twin runs without a data directory (tests, throwaway runs). */
export const IN_MEMORY_CREDENTIALS: LocalCredentials = {
  accessKeyId: 'AKIALOCALTWIN0000001',
  secretAccessKey: 'local-twin-secret-access-key-0000000000001',
  accountId: LOCAL_ACCOUNT_ID,
};

export const CREDENTIALS_FILE = 'local-credentials.json';

const ALPHANUMERIC_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function loadLocalCredentials(dataDir?: string): LocalCredentials {
  if (!dataDir) return IN_MEMORY_CREDENTIALS;
  const path = join(dataDir, CREDENTIALS_FILE);
  const stored = readJsonFile<LocalCredentials>(path);
  if (stored) return stored;
  const created: LocalCredentials = {
    accessKeyId: `AKIA${randomFrom(ALPHANUMERIC_UPPER, 16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    accountId: LOCAL_ACCOUNT_ID,
  };
  writeJsonFile(path, created);
  return created;
}
