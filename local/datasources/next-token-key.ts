import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The HMAC key that signs nextTokens (next-token.ts): 32 random bytes, kept in
 * <dataDir>/next-token.key (mode 0600) so tokens stay valid across restarts on the same data
 * directory, and made fresh for each process when the twin keeps nothing on disk.
 */

export const NEXT_TOKEN_KEY_FILE = 'next-token.key';
export const NEXT_TOKEN_KEY_BYTES = 32;

let processKey: Buffer | undefined;

/** One random key for the whole process, for data sources given none (tests, in-memory use). */
export function processNextTokenKey(): Buffer {
  processKey ??= randomBytes(NEXT_TOKEN_KEY_BYTES);
  return processKey;
}

export function loadNextTokenKey(dataDir: string | null): Buffer {
  if (dataDir === null) return randomBytes(NEXT_TOKEN_KEY_BYTES);
  const path = join(dataDir, NEXT_TOKEN_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing !== undefined) return existing;
  createKeyFile(path);
  // Read back what is there: another twin on the same directory may have created it first.
  const created = readKeyFile(path);
  if (created === undefined) throw new Error(`${path} vanished right after it was created`);
  return created;
}

function readKeyFile(path: string): Buffer | undefined {
  let key: Buffer;
  try {
    key = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (key.length !== NEXT_TOKEN_KEY_BYTES) {
    throw new Error(
      `${path} holds ${key.length} bytes, not a ${NEXT_TOKEN_KEY_BYTES}-byte key. Delete it to make a new one ` +
        '(nextTokens handed out before then stop working).',
    );
  }
  // A key others can read lets them forge tokens: keep it the owner's only.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return key;
}

/** Writes a new key under a temporary name, then links it in place: never a half-written key file. */
function createKeyFile(path: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, randomBytes(NEXT_TOKEN_KEY_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
