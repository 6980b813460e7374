// POST /graphql of a real started twin (in memory, DynamoDB Local, real tokens and signatures):
// the request-level auth matrix, SigV4 on @aws_iam fields, HTTP and HTTPS on one port, CORS.
import https from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';

const EXPOSE = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version';
const myRooms = 'query { myRooms { id name } }';
const getRoom = 'query($roomId: ID!) { getRoom(roomId: $roomId) { id name } }';

let twin: Twin;
const tokens: Record<'alice' | 'bob' | 'carol', string> = { alice: '', bob: '', carol: '' };
let roomId = '';

/** bob's access token with some claims changed, signed with the pool's own access key. */
async function forgedToken(change: (claims: JWTPayload) => JWTPayload): Promise<string> {
  const key = twin.pool.keys.access;
  return new SignJWT(change(decodeJwt(tokens.bob))).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
}

async function signedRequest(query: string, variables: Record<string, unknown>, secretAccessKey: string) {
  const url = new URL(twin.graphqlUrl);
  const body = JSON.stringify({ query, variables });
  const signer = new SignatureV4({
    service: 'appsync',
    region: twin.region,
    credentials: { accessKeyId: twin.accessKey.accessKeyId, secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host, 'content-type': 'application/json' }, body }),
  );
  const response = await fetch(twin.graphqlUrl, { method: 'POST', headers: signed.headers as Record<string, string>, body });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  for (const [name, password] of [['alice', 'Alice#Local1'], ['bob', 'Bob#Local1'], ['carol', 'Carol#Local1']] as const) {
    tokens[name] = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, name, password)).accessToken;
  }
  const created = await graphqlRequest(twin.graphqlUrl, tokens.bob, 'mutation { createRoom(name: "lobby") { id } }');
  roomId = (created.body.data?.createRoom as { id: string }).id;
}, 60000);

afterAll(async () => {
  await twin?.stop();
}, 60000);

describe('request authentication', () => {
  const unauthorized = (message: string) => ({
    status: 401,
    errorType: 'UnauthorizedException',
    body: { errors: [{ errorType: 'UnauthorizedException', message }] },
  });
  it.each<[string, () => Promise<string | null>, ReturnType<typeof unauthorized>]>([
    ['no token', async () => null, unauthorized('Valid authorization header not provided.')],
    ['a malformed token', async () => 'not-a-jwt', unauthorized('Unable to parse JWT token.')],
    ['a bad signature', async () => `${tokens.bob.slice(0, tokens.bob.lastIndexOf('.'))}.${Buffer.from('forged').toString('base64url')}`, unauthorized('Valid authorization header not provided.')],
    ['an expired token', () => forgedToken((c) => ({ ...c, iat: (c.iat ?? 0) - 7200, exp: Math.floor(Date.now() / 1000) - 60 })), unauthorized('Token has expired.')],
    ['another issuer', () => forgedToken((c) => ({ ...c, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' })), unauthorized('Valid authorization header not provided.')],
    ['another app client', () => forgedToken((c) => ({ ...c, client_id: 'someotherclient' })), unauthorized('Valid authorization header not provided.')],
  ])('%s: 401 UnauthorizedException, and nothing runs', async (_case, token, expected) => {
    const before = await graphqlRequest(twin.graphqlUrl, tokens.bob, myRooms);
    const result = await graphqlRequest(twin.graphqlUrl, await token(), 'mutation { createRoom(name: "should not exist") { id } }');
    expect({ status: result.status, errorType: result.headers.get('x-amzn-errortype'), body: result.body }).toEqual(expected);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.headers.get('access-control-expose-headers')).toBe(EXPOSE);
    expect(await graphqlRequest(twin.graphqlUrl, tokens.bob, myRooms)).toMatchObject({ body: before.body });
  });

  it('a user in no group is authenticated but refused every field', async () => {
    const result = await graphqlRequest(twin.graphqlUrl, tokens.carol, myRooms);
    expect(result.status).toBe(200);
    expect(result.headers.get('x-amzn-errortype')).toBeNull();
    expect(result.body).toEqual({
      data: null,
      errors: [
        {
          path: ['myRooms'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 9, sourceName: null }],
          message: 'Not Authorized to access myRooms on type Query',
        },
      ],
    });
  });

  it.each([
    ['Members (bob)', 'bob' as const, ['lobby']],
    ['Admins (alice)', 'alice' as const, []],
  ])('%s: 200 with data', async (_case, user, rooms) => {
    const result = await graphqlRequest(twin.graphqlUrl, tokens[user], myRooms);
    expect(result.status).toBe(200);
    expect(result.headers.get('x-amzn-errortype')).toBeNull();
    expect(result.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(result.body).toEqual({ data: { myRooms: rooms.map((name) => ({ id: roomId, name })) } });
  });

  it('removeMember is for Admins: a Member gets Unauthorized', async () => {
    const result = await graphqlRequest(twin.graphqlUrl, tokens.bob, 'mutation($r: ID!) { removeMember(roomId: $r, userId: "x") { id } }', { r: roomId });
    expect(result.body).toEqual({ data: null, errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access removeMember on type Mutation' })] });
  });
});

describe('SigV4 (AWS_IAM) requests', () => {
  it('a good signature reaches an @aws_iam field', async () => {
    const result = await signedRequest(getRoom, { roomId }, twin.accessKey.secretAccessKey);
    expect(result).toEqual({ status: 200, errorType: null, body: { data: { getRoom: { id: roomId, name: 'lobby' } } } });
  });

  it('a good signature is refused a field without @aws_iam', async () => {
    const result = await signedRequest(myRooms, {}, twin.accessKey.secretAccessKey);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: null, errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access myRooms on type Query' })] });
  });

  it('a wrong secret is 403 InvalidSignatureException', async () => {
    const result = await signedRequest(getRoom, { roomId }, 'wrong-secret');
    expect(result.status).toBe(403);
    expect(result.errorType).toBe('InvalidSignatureException');
    expect(result.body).toEqual({ errors: [{ errorType: 'InvalidSignatureException', message: expect.stringMatching(/^The request signature we calculated does not match/) }] });
  });
});

describe('transport', () => {
  function httpsPost(body: string, token: string): Promise<{ status: number; body: unknown; tls: boolean }> {
    const url = new URL(twin.httpsUrl);
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', ca: twin.caCert, headers: { 'content-type': 'application/json', authorization: token } },
        (res) => {
          const chunks: Buffer[] = [];
          const tls = (res.socket as { encrypted?: boolean }).encrypted === true;
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), tls }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('serves HTTP and HTTPS (with its own CA) on the same port', async () => {
    expect(new URL(twin.httpsUrl).port).toBe(new URL(twin.url).port);
    const overHttp = await graphqlRequest(twin.graphqlUrl, tokens.bob, myRooms);
    const overHttps = await httpsPost(JSON.stringify({ query: myRooms }), tokens.bob);
    expect(overHttps).toEqual({ status: 200, body: overHttp.body, tls: true });
  });

  it('answers the CORS preflight as AppSync', async () => {
    const response = await fetch(twin.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-user-agent' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'x-amz-user-agent', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-api-key']));
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  const createExtra = 'mutation { createRoom(name: "should not exist") { id } }';
  it.each<[string, string, number, string]>([
    ['an array body (batching)', JSON.stringify([{ query: createExtra }, { query: createExtra }]), 400, 'MalformedHttpRequestException'],
    ['a body that is not JSON', `{"query":${JSON.stringify(createExtra)}`, 400, 'MalformedHttpRequestException'],
    ['a JSON body that is not an object', JSON.stringify(createExtra), 400, 'MalformedHttpRequestException'],
    ['a body over 5 MB', JSON.stringify({ query: createExtra, variables: { pad: 'x'.repeat(6 * 1024 * 1024) } }), 413, 'PayloadTooLargeException'],
  ])('%s is refused with a 4xx and runs nothing', async (_case, body, status, errorType) => {
    const before = await graphqlRequest(twin.graphqlUrl, tokens.bob, myRooms);
    const response = await fetch(twin.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: tokens.bob }, body });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-amzn-errortype')).toBe(errorType);
    expect(await response.json()).toEqual({ errors: [{ errorType, message: expect.any(String) }] });
    expect((await graphqlRequest(twin.graphqlUrl, tokens.bob, myRooms)).body).toEqual(before.body);
  });

  it('serves the JWKS of the pool for token verifiers', async () => {
    const response = await fetch(`${twin.url}/${twin.userPoolId}/.well-known/jwks.json`);
    const jwks = (await response.json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([twin.pool.keys.access.kid, twin.pool.keys.id.kid].sort());
  });

  it('serves the placeholder pages', async () => {
    for (const path of ['/', '/console']) {
      const response = await fetch(`${twin.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });
});
