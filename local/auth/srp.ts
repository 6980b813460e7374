// Server side of Cognito's SRP-6a variant, byte for byte as the Amplify client computes it
// (3072-bit group, g = 2, SHA-256, hex strings padded like Java's BigInteger.toByteArray()).
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const SRP_N = BigInt(`0x${N_HEX}`);
export const SRP_G = 2n;

/** Even-length hex with a leading 00 when the top bit is set (positive values only). */
export function paddedHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashHexToBigInt(hex: string): bigint {
  return BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

// k = H(N | g), as the client derives it.
const SRP_K = hashHexToBigInt(paddedHex(SRP_N) + paddedHex(SRP_G));

/** x = H(salt | H(poolName | userId | ":" | password)) */
export function computeX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256Hex(`${poolName}${userId}:${password}`);
  return hashHexToBigInt(paddedHex(BigInt(`0x${saltHex}`)) + inner);
}

export interface SrpVerifier {
  /** Hex of the salt as sent to the client in SALT. */
  salt: string;
  /** Hex of v = g^x mod N. */
  verifier: string;
}

export function createVerifier(poolName: string, userId: string, password: string): SrpVerifier {
  const salt = paddedHex(BigInt(`0x${randomBytes(16).toString('hex')}`));
  const x = computeX(poolName, userId, password, salt);
  return { salt, verifier: modPow(SRP_G, x, SRP_N).toString(16) };
}

/** Checks a plain password against a stored verifier (USER_PASSWORD_AUTH, no SRP exchange). */
export function passwordMatches(poolName: string, userId: string, password: string, stored: SrpVerifier): boolean {
  const v = modPow(SRP_G, computeX(poolName, userId, password, stored.salt), SRP_N).toString(16);
  const a = Buffer.from(v);
  const b = Buffer.from(stored.verifier);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ServerEphemeral {
  /** Secret b, hex. */
  b: string;
  /** Public B = k*v + g^b mod N, hex (the SRP_B challenge parameter). */
  B: string;
}

export function createServerEphemeral(verifierHex: string): ServerEphemeral {
  const v = BigInt(`0x${verifierHex}`);
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
    const B = (SRP_K * v + modPow(SRP_G, b, SRP_N)) % SRP_N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

/** Whether the client's A is acceptable (A mod N must not be 0). */
export function isValidClientA(aHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(aHex)) return false;
  return BigInt(`0x${aHex}`) % SRP_N !== 0n;
}

/** The 16-byte key both sides derive: HKDF-SHA256(ikm = S, salt = u, info = "Caldera Derived Key"). */
export function deriveSessionKey(aHex: string, ephemeral: ServerEphemeral, verifierHex: string): Buffer {
  const A = BigInt(`0x${aHex}`);
  const B = BigInt(`0x${ephemeral.B}`);
  const u = hashHexToBigInt(paddedHex(A) + paddedHex(B));
  const v = BigInt(`0x${verifierHex}`);
  const S = modPow(A * modPow(v, u, SRP_N), BigInt(`0x${ephemeral.b}`), SRP_N);
  const key = hkdfSync(
    'sha256',
    Buffer.from(paddedHex(S), 'hex'),
    Buffer.from(paddedHex(u), 'hex'),
    Buffer.from('Caldera Derived Key', 'utf8'),
    16,
  );
  return Buffer.from(key);
}

/** PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256(key, poolName | userId | secretBlock bytes | timestamp). */
export function passwordClaimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlockBase64: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlockBase64, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses the client's TIMESTAMP ("Sun Nov 2 17:05:09 UTC 2026"); undefined when malformed. */
export function parseSrpTimestamp(value: string): number | undefined {
  const match = /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(value);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]);
  if (month < 0) return undefined;
  return Date.UTC(Number(match[6]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
}
