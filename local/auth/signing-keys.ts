// RS256 key pairs for the pool: one for ID tokens and one for access tokens, each with its own
// kid, as Cognito does. Kept under the data directory so tokens survive a restart.
import { randomUUID, type webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { readJsonFile, writeJsonFile } from './json-file';

export type TokenKind = 'id' | 'access';

type CryptoKey = webcrypto.CryptoKey;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface SigningKeys {
  id: SigningKey;
  access: SigningKey;
}

export interface JsonWebKeySet {
  keys: JWK[];
}

interface StoredKeys {
  id: JWK;
  access: JWK;
}

function publicPart(jwk: JWK, kid: string): JWK {
  return { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' };
}

async function fromStored(jwk: JWK): Promise<SigningKey> {
  const kid = jwk.kid ?? randomUUID();
  const privateKey = (await importJWK(jwk, 'RS256')) as CryptoKey;
  return { kid, privateKey, publicJwk: publicPart(jwk, kid) };
}

async function generateStored(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256' };
}

export const KEYS_FILE = 'user-pool-keys.json';

/** Loads the keys from `<dataDir>/user-pool-keys.json`, creating them on first use (memory only without dataDir). */
export async function loadSigningKeys(dataDir?: string): Promise<SigningKeys> {
  const path = dataDir ? join(dataDir, KEYS_FILE) : undefined;
  let stored = path ? readJsonFile<StoredKeys>(path) : undefined;
  if (!stored) {
    stored = { id: await generateStored(), access: await generateStored() };
    if (path) writeJsonFile(path, stored);
  }
  return { id: await fromStored(stored.id), access: await fromStored(stored.access) };
}

export function jwksOf(keys: SigningKeys): JsonWebKeySet {
  return { keys: [keys.id.publicJwk, keys.access.publicJwk] };
}
