/**
 * SigV4 in the browser with the same library the twin verifies with (@smithy/signature-v4 over
 * @aws-crypto/sha256-js, both pure JavaScript), service "appsync" as AppSync expects.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface IamKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The headers of a signed POST of `body` to `url`: `headers` plus host, x-amz-date,
 * x-amz-security-token (with a session token) and Authorization.
 */
export async function signedPostHeaders(url: string, body: string, headers: Record<string, string>, region: string, key: IamKey): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(key.sessionToken ? { sessionToken: key.sessionToken } : {}) },
    region,
    service: 'appsync',
    sha256: Sha256,
    // Amplify sends no x-amz-content-sha256 to AppSync either.
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname,
    ...(target.port ? { port: Number(target.port) } : {}),
    path: target.pathname,
    headers: { ...headers, host: target.host },
    body,
  });
  const signed = await signer.sign(request);
  return signed.headers;
}
