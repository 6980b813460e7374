// verifySigV4Request against requests signed in the test with @smithy/signature-v4: a valid
// signature, and every failure as a table with AWS's status, error type and message.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { verifySigV4Request, type SignedRequest } from '../../../local/auth/sigv4';

const NOW = Date.UTC(2026, 10, 22, 17, 30, 0);
const HOST = '127.0.0.1:4566';
const BODY = JSON.stringify({ query: 'query { myRooms { id } }', variables: {} });
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

interface SignOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  at?: number;
  service?: string;
  region?: string;
  path?: string;
  query?: Record<string, string>;
  /** Whether the signer adds x-amz-content-sha256 (the SDK default). */
  applyChecksum?: boolean;
}

async function signed(options: SignOptions = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? IN_MEMORY_CREDENTIALS.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? IN_MEMORY_CREDENTIALS.secretAccessKey,
    },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'appsync',
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? true,
  });
  const path = options.path ?? '/graphql';
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'https:',
      hostname: '127.0.0.1',
      port: 4566,
      path,
      query: options.query,
      headers: { host: HOST, 'content-type': 'application/json; charset=UTF-8', accept: '*/*' },
      body: BODY,
    }),
    { signingDate: new Date(options.at ?? NOW) },
  );
  const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
  return { method: 'POST', url: `${path}${query}`, headers: { ...request.headers }, body: BODY };
}

function without(request: SignedRequest, header: string): SignedRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== header));
  return { ...request, headers };
}

function withAuthorization(request: SignedRequest, edit: (value: string) => string): SignedRequest {
  return { ...request, headers: { ...without(request, 'authorization').headers, authorization: edit(String(request.headers.authorization)) } };
}

const verify = (request: SignedRequest) => verifySigV4Request(request, IN_MEMORY_CREDENTIALS, { now: () => NOW, sourceIp: ['127.0.0.1'], region: 'us-east-1' });

describe('verifySigV4Request', () => {
  it('accepts a valid signature and reports an AWS_IAM identity', async () => {
    await expect(verify(await signed())).resolves.toEqual({
      ok: true,
      identity: {
        accountId: '000000000000',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['127.0.0.1'],
        username: IN_MEMORY_CREDENTIALS.accessKeyId,
        userArn: 'arn:aws:iam::000000000000:user/twin-local',
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    });
  });

  it('accepts a signature without a content hash header', async () => {
    const request = await signed({ applyChecksum: false });
    expect(Object.keys(request.headers)).not.toContain('x-amz-content-sha256');
    expect((await verify(request)).ok).toBe(true);
  });

  it('accepts a signature over a query string and a date within the allowed skew', async () => {
    const result = await verify(await signed({ query: { b: '2', a: 'x y' }, at: NOW - 4 * 60 * 1000 }));
    expect(result.ok).toBe(true);
  });

  it.each<[string, () => Promise<SignedRequest>, number, string, string]>([
    ['a wrong secret', () => signed({ secretAccessKey: 'wrong-secret' }), 403, 'InvalidSignatureException', MISMATCH],
    ['an unknown access key', () => signed({ accessKeyId: 'AKIAUNKNOWN000000000' }), 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
    ['a stale date', () => signed({ at: NOW - 10 * 60 * 1000 }), 403, 'InvalidSignatureException', 'Signature expired: 20261122T172000Z is now earlier than 20261122T172500Z (20261122T173000Z - 5 min.)'],
    ['a date in the future', () => signed({ at: NOW + 6 * 60 * 1000 }), 403, 'InvalidSignatureException', 'Signature not yet current: 20261122T173600Z is still later than 20261122T173500Z (20261122T173000Z + 5 min.)'],
    ['another service in the scope', () => signed({ service: 'execute-api' }), 403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'appsync'. "],
    ['another region in the scope', () => signed({ region: 'eu-west-1' }), 403, 'InvalidSignatureException', 'Credential should be scoped to a valid region. '],
    ['a body changed after signing', async () => ({ ...(await signed()), body: BODY.replace('myRooms', 'getRoom') }), 403, 'InvalidSignatureException', MISMATCH],
    ['a body changed after signing without a content hash header', async () => ({ ...(await signed({ applyChecksum: false })), body: `${BODY} ` }), 403, 'InvalidSignatureException', MISMATCH],
    ['a path changed after signing', async () => ({ ...(await signed()), url: '/graphql/other' }), 403, 'InvalidSignatureException', MISMATCH],
    ['a signed header missing', async () => without(await signed(), 'content-type'), 403, 'InvalidSignatureException', MISMATCH],
    ['no Authorization header', async () => without(await signed(), 'authorization'), 401, 'UnauthorizedException', 'Valid authorization header not provided.'],
  ])('rejects %s', async (_label, request, status, errorType, message) => {
    await expect(verify(await request())).resolves.toEqual({ ok: false, status, errorType, message });
  });

  it.each<[string, (request: SignedRequest) => SignedRequest, string]>([
    ['no X-Amz-Date header', (r) => without(r, 'x-amz-date'), "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."],
    ['no Signature parameter', (r) => withAuthorization(r, (v) => v.replace(/, Signature=[0-9a-f]+/, '')), "Authorization header requires 'Signature' parameter."],
    ['no Credential parameter', (r) => withAuthorization(r, (v) => v.replace(/Credential=[^,]+, /, '')), "Authorization header requires 'Credential' parameter."],
    ['no SignedHeaders parameter', (r) => withAuthorization(r, (v) => v.replace(/SignedHeaders=[^,]+, /, '')), "Authorization header requires 'SignedHeaders' parameter."],
  ])('rejects an incomplete signature: %s', async (_label, edit, reason) => {
    const request = edit(await signed());
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      status: 403,
      errorType: 'IncompleteSignatureException',
      message: `${reason} Authorization=${String(request.headers.authorization)}`,
    });
  });
});
