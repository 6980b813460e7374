// Verifies AWS Signature Version 4 on a request by recomputing it with @smithy/signature-v4 from
// the headers the client says it signed, with the twin's one local access key. Failures are
// answered as AWS does (docs/reference and observed AWS answers):
//   no Authorization header                -> 401 UnauthorizedException
//   header present but incomplete           -> 403 IncompleteSignatureException
//   unknown access key id                   -> 403 UnrecognizedClientException
//   wrong scope, stale date, wrong signature -> 403 InvalidSignatureException
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredentials } from './local-credentials';

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface SignedRequest {
  method: string;
  /** Path and query as received (node's req.url), or a full URL. */
  url: string;
  headers: HeaderMap;
  body: string | Buffer;
}

export interface AppSyncIamIdentity {
  accountId: string;
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  sourceIp: string[];
  /** The access key id that signed the request. */
  username: string;
  userArn: string;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

export type SigV4Verification =
  | { ok: true; identity: AppSyncIamIdentity }
  | { ok: false; status: 401 | 403; errorType: string; message: string };

export interface SigV4Options {
  /** Service in the credential scope. Default "appsync". */
  service?: string;
  /** Required region of the credential scope; any region when absent. */
  region?: string;
  sourceIp?: string[];
  /** Allowed clock difference, default 5 minutes as AWS. */
  maxSkewMs?: number;
  now?: () => number;
}

export const MESSAGE_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const MESSAGE_UNRECOGNIZED_CLIENT = 'The security token included in the request is invalid.';
export const MESSAGE_NO_AUTHORIZATION = 'Valid authorization header not provided.';

/** The username and ARN the twin reports for its local key. */
export const LOCAL_IAM_USER_NAME = 'twin-local';

function header(headers: HeaderMap, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

function fail(status: 401 | 403, errorType: string, message: string): SigV4Verification {
  return { ok: false, status, errorType, message };
}

/** "20261122T170509Z" -> epoch ms, or undefined. */
function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export async function verifySigV4Request(
  request: SignedRequest,
  credentials: LocalCredentials,
  options: SigV4Options = {},
): Promise<SigV4Verification> {
  const service = options.service ?? 'appsync';
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail(401, 'UnauthorizedException', MESSAGE_NO_AUTHORIZATION);

  const algorithm = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(authorization.trim());
  const params = new Map<string, string>();
  for (const part of (algorithm?.[1] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const amzDate = header(request.headers, 'x-amz-date');
  const missing = [
    ...['Credential', 'Signature', 'SignedHeaders']
      .filter((name) => !params.get(name))
      .map((name) => `Authorization header requires '${name}' parameter.`),
    ...(amzDate ? [] : ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."]),
  ];
  if (!algorithm || missing.length > 0) {
    const reasons = algorithm ? missing.join(' ') : `Authorization header requires 'AWS4-HMAC-SHA256' algorithm.`;
    return fail(403, 'IncompleteSignatureException', `${reasons} Authorization=${authorization}`);
  }

  const scope = (params.get('Credential') ?? '').split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    return fail(403, 'IncompleteSignatureException', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.get('Credential')}'`);
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService] = scope;
  if (accessKeyId !== credentials.accessKeyId) return fail(403, 'UnrecognizedClientException', MESSAGE_UNRECOGNIZED_CLIENT);
  if (scopeService !== service) {
    return fail(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `);
  }
  if (options.region && scopeRegion !== options.region) {
    return fail(403, 'InvalidSignatureException', 'Credential should be scoped to a valid region. ');
  }

  const signedAt = amzDate ? parseAmzDate(amzDate) : undefined;
  if (signedAt === undefined || !amzDate || scopeDate !== amzDate.slice(0, 8)) {
    return fail(403, 'InvalidSignatureException', MESSAGE_SIGNATURE_MISMATCH);
  }
  const now = (options.now ?? Date.now)();
  const skew = options.maxSkewMs ?? 5 * 60 * 1000;
  const minutes = Math.round(skew / 60000);
  if (signedAt < now - skew) {
    return fail(403, 'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - skew)} (${formatAmzDate(now)} - ${minutes} min.)`);
  }
  if (signedAt > now + skew) {
    return fail(403, 'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + skew)} (${formatAmzDate(now)} + ${minutes} min.)`);
  }

  // Rebuild the request from exactly the headers the client signed, then sign it ourselves.
  const signedHeaders = (params.get('SignedHeaders') ?? '').split(';').filter(Boolean);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return fail(403, 'InvalidSignatureException', MESSAGE_SIGNATURE_MISMATCH);
    headers[name] = value;
  }
  // A signed x-amz-content-sha256 must be the hash of the body actually received, or a changed
  // body would pass under the client's claimed hash.
  if (headers['x-amz-content-sha256'] !== undefined) {
    headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
  }
  const url = new URL(request.url, 'http://placeholder');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region: scopeRegion,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const recomputed = await signer.sign(
    new HttpRequest({
      method: request.method.toUpperCase(),
      protocol: 'https:',
      hostname: headers.host ?? url.hostname,
      path: decodeURIComponent(url.pathname),
      query,
      headers,
      body: request.body,
    }),
    { signingDate: new Date(signedAt), signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
  const received = params.get('Signature') ?? '';
  const same = expected.length === received.length && timingSafeEqual(Buffer.from(expected), Buffer.from(received));
  if (!same) return fail(403, 'InvalidSignatureException', MESSAGE_SIGNATURE_MISMATCH);

  return {
    ok: true,
    identity: {
      accountId: credentials.accountId,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: options.sourceIp ?? [],
      username: accessKeyId,
      userArn: `arn:aws:iam::${credentials.accountId}:user/${LOCAL_IAM_USER_NAME}`,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
  };
}
