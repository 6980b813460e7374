// Test helper: a valid client SRP_A (g^a mod N for a random a) for raw USER_SRP_AUTH calls.
import { randomBytes } from 'node:crypto';
import { modPow, SRP_G, SRP_N } from '../../../local/auth/srp';

export function clientSrpA(): string {
  return modPow(SRP_G, BigInt(`0x${randomBytes(32).toString('hex')}`), SRP_N).toString(16);
}
