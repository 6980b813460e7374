// What the pool shows for a username that does not exist, so that with user-existence errors
// prevented an unknown user looks like a known one with a wrong password: a salt and verifier
// derived from a per-pool secret and the name, STABLE per name (a real user's SALT does not
// change between attempts either), and the same modular exponentiations as for a real user.
import { createHmac } from 'node:crypto';
import { paddedHex, SRP_N, type SrpVerifier } from './srp';

function hmac(secret: string, label: string): Buffer {
  return createHmac('sha256', secret).update(label).digest();
}

export function decoyVerifier(secret: string, name: string): SrpVerifier {
  const salt = paddedHex(BigInt(`0x${hmac(secret, `salt:${name}`).subarray(0, 16).toString('hex')}`));
  // 384 bytes (the size of N) of HMAC output, reduced mod N: a value shaped like g^x mod N.
  const blocks = Array.from({ length: 12 }, (_, i) => hmac(secret, `verifier:${i}:${name}`));
  const verifier = (BigInt(`0x${Buffer.concat(blocks).toString('hex')}`) % SRP_N).toString(16);
  return { salt, verifier };
}
