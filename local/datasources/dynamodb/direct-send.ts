import { createHmac, hash, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The data-plane calls of the data sources (GetItem ... TransactWriteItems), sent to a client's
 * custom endpoint (DynamoDB Local) as DynamoDB's JSON protocol over one keep-alive agent, signed
 * with SigV4 from the client's own region and credentials, and answered in the SDK's shapes:
 * the same output objects (binary values as bytes, $metadata), the same exception classes, the
 * SDK's retry rules for answers that did not come.
 *
 * Why: the SDK's per-call middleware (schema serde, endpoint rules, user agent, retry strategy,
 * signer) costs about 0.5 ms of CPU per call on this kind of machine, against about 0.08 ms for
 * the same request made directly (measured, GetItem on DynamoDB Local); sendMessage makes three.
 * Anything else (table management, a client without a custom endpoint) goes through client.send.
 */

type SendOptions = { abortSignal?: AbortSignal };
type AnyCommand = { input: object };

const OPERATIONS = new Map<unknown, string>([
  [dynamodb.GetItemCommand, 'GetItem'],
  [dynamodb.PutItemCommand, 'PutItem'],
  [dynamodb.UpdateItemCommand, 'UpdateItem'],
  [dynamodb.DeleteItemCommand, 'DeleteItem'],
  [dynamodb.QueryCommand, 'Query'],
  [dynamodb.ScanCommand, 'Scan'],
  [dynamodb.BatchGetItemCommand, 'BatchGetItem'],
  [dynamodb.BatchWriteItemCommand, 'BatchWriteItem'],
  [dynamodb.TransactGetItemsCommand, 'TransactGetItems'],
  [dynamodb.TransactWriteItemsCommand, 'TransactWriteItems'],
]);

/** The SDK's retry rules (@smithy/core retry, standard mode): which failures are tried again, how long it waits, its quota. */
const RETRIED_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const RETRIED_STATUS_CODES = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const RETRY_DELAY_BASE_MS = 50;
const THROTTLING_RETRY_DELAY_BASE_MS = 1000;
const MAX_RETRY_DELAY_MS = 20_000;
const RETRY_QUOTA = { capacity: 500, cost: 14, throttlingCost: 5, refundWithoutRetry: 1 };
/** The SDK's node-http-handler default. */
const MAX_SOCKETS = 50;

interface Answer {
  status: number;
  requestId: string | undefined;
  body: string;
}

export function directSend(client: DynamoDBClient): (command: AnyCommand, options?: SendOptions) => Promise<unknown> {
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }), https: new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }) };
  const signer = new SigningKeys();
  const config = client.config;
  // The SDK's retry quota: retries spend it, successes refill it, so a long outage stops retrying.
  let quota = RETRY_QUOTA.capacity;
  return async (command, options = {}) => {
    const operation = OPERATIONS.get(command.constructor);
    const endpoint = operation && config.isCustomEndpoint ? await config.endpoint?.() : undefined;
    if (operation === undefined || endpoint === undefined) return client.send(command as Parameters<DynamoDBClient['send']>[0], options);
    const [region, credentials, maxAttempts] = await Promise.all([config.region(), config.credentials(), config.maxAttempts()]);
    const body = serialize(operation, command.input);
    const port = endpoint.port ?? (endpoint.protocol === 'https:' ? 443 : 80);
    const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${port}`;
    const path = endpoint.path || '/';
    let totalRetryDelay = 0;
    let spent = 0;
    /** Waits before the next attempt, or says there is none (attempts or quota used up). */
    const retry = async (attempt: number, throttled: boolean): Promise<boolean> => {
      const cost = throttled ? RETRY_QUOTA.throttlingCost : RETRY_QUOTA.cost;
      if (attempt >= maxAttempts || quota < cost) return false;
      quota -= cost;
      spent = cost;
      totalRetryDelay += await backOff(attempt, throttled ? THROTTLING_RETRY_DELAY_BASE_MS : RETRY_DELAY_BASE_MS, options.abortSignal);
      return true;
    };
    for (let attempt = 1; ; attempt++) {
      let answer: Answer;
      try {
        const headers = signer.sign({ host, path, body, target: `DynamoDB_20120810.${operation}`, region, credentials });
        answer = await post(endpoint.protocol === 'https:' ? https : http, endpoint.protocol === 'https:' ? agents.https : agents.http, { hostname: endpoint.hostname, port, path, headers, body, signal: options.abortSignal });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (RETRIED_NETWORK_CODES.has(code) && (await retry(attempt, false))) continue;
        // As the SDK: the attempts made, on the error of the last one.
        if (typeof error === 'object' && error !== null && (error as Error).name !== 'AbortError') Object.assign(error, { $metadata: { attempts: attempt, totalRetryDelay } });
        throw error;
      }
      const $metadata = { httpStatusCode: answer.status, requestId: answer.requestId, attempts: attempt, totalRetryDelay };
      if (answer.status >= 200 && answer.status < 300) {
        quota = Math.min(RETRY_QUOTA.capacity, quota + (spent || RETRY_QUOTA.refundWithoutRetry));
        return { ...(parseOutput(answer.body) as object), $metadata };
      }
      const error = toException(answer, $metadata);
      const throttled = answer.status === 429 || THROTTLING_CODES.has(error.name);
      const transient = RETRIED_STATUS_CODES.has(answer.status) || TRANSIENT_CODES.has(error.name);
      if ((throttled || transient) && (await retry(attempt, throttled))) continue;
      throw error;
    }
  };
}

/** The input as the wire wants it: bytes as base64; TransactWriteItems with the idempotency token the SDK would add. */
function serialize(operation: string, input: object): string {
  const withToken = operation === 'TransactWriteItems' && (input as { ClientRequestToken?: string }).ClientRequestToken === undefined ? { ...input, ClientRequestToken: randomUUID() } : input;
  // A replacer slows JSON.stringify down for every value: only used when there are bytes to encode.
  if (!containsBytes(withToken)) return JSON.stringify(withToken);
  return JSON.stringify(withToken, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') : value;
  });
}

function containsBytes(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) if (containsBytes((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** The output as the SDK gives it: a binary AttributeValue ({B} or {BS}) as bytes. */
function parseOutput(text: string): unknown {
  // A reviver slows JSON.parse down for every value: only used when a B or BS member may be there
  // (a quote inside a string value is escaped, so only a key or a whole value "B" matches).
  if (!text.includes('"B"') && !text.includes('"BS"')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length !== 1) return value;
    if (keys[0] === 'B' && typeof record.B === 'string') return { B: fromBase64(record.B) };
    if (keys[0] === 'BS' && Array.isArray(record.BS) && record.BS.every((entry) => typeof entry === 'string')) return { BS: (record.BS as string[]).map(fromBase64) };
    return value;
  });
}

function fromBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type ExceptionClass = new (options: Record<string, unknown>) => dynamodb.DynamoDBServiceException;

/**
 * The SDK's exception for an error answer, built as its JSON protocol builds it: the class named
 * by __type when the SDK has one, else DynamoDBServiceException under that name; message from
 * message or Message; then every other field of the answer where the exception has none
 * (Item, CancellationReasons, with binary values as bytes), and no Message.
 */
function toException(answer: Answer, $metadata: Record<string, unknown>): dynamodb.DynamoDBServiceException {
  let data: Record<string, unknown> = {};
  try {
    data = parseOutput(answer.body) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): only the status says what happened.
  }
  const identifier = String(data.__type ?? data.code ?? 'Unknown');
  const name = identifier.includes('#') ? (identifier.split('#')[1] as string) : identifier;
  const candidate = (dynamodb as unknown as Record<string, unknown>)[name];
  const modeled = typeof candidate === 'function' && candidate.prototype instanceof dynamodb.DynamoDBServiceException;
  const exception = modeled ? new (candidate as ExceptionClass)({}) : new dynamodb.DynamoDBServiceException({ name, $fault: answer.status < 500 ? 'client' : 'server', $metadata });
  Object.assign(exception, { $metadata, message: data.message ?? data.Message ?? 'UnknownError' });
  const target = exception as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) if (value !== undefined && (target[key] === undefined || target[key] === null || target[key] === '')) target[key] = value;
  delete target.Message;
  Object.defineProperty(exception, '$response', { value: { statusCode: answer.status, body: answer.body }, enumerable: false, writable: false, configurable: false });
  return exception;
}

/** What an abort rejects with, as the SDK's node-http-handler makes it. */
function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function post(
  transport: typeof http | typeof https,
  agent: http.Agent,
  request: { hostname: string; port: number; path: string; headers: Record<string, string>; body: string; signal: AbortSignal | undefined },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    if (signal?.aborted) return reject(abortError());
    const outgoing = transport.request({ method: 'POST', hostname: request.hostname, port: request.port, path: request.path, headers: request.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      let ended = false;
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        ended = true;
        signal?.removeEventListener('abort', onAbort);
        const requestId = response.headers['x-amzn-requestid'];
        resolve({ status: response.statusCode ?? 0, requestId: Array.isArray(requestId) ? requestId[0] : requestId, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
      // The connection cut before the whole answer came: a reset, as the SDK sees it.
      response.on('close', () => ended || fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    });
    // An abort destroys the request and its socket, so no late answer can reach another call.
    const onAbort = () => {
      outgoing.destroy();
      reject(abortError());
    };
    function fail(error: Error): void {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

/** Waits as the SDK's standard strategy does (full jitter on an exponential base); an abort ends the wait. */
function backOff(attempt: number, baseMs: number, signal: AbortSignal | undefined): Promise<number> {
  const ms = Math.floor(Math.random() * Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** (attempt - 1)));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(ms);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** SigV4 for DynamoDB, the derived key kept per day, region and secret. */
export class SigningKeys {
  private cached: { scope: string; secret: string; key: Buffer } | undefined;
  /** X-Amz-Date changes once a second: formatted once a second. */
  private clock = { second: -1, amzDate: '' };

  constructor(private readonly nowMs: () => number = Date.now) {}

  sign(request: { host: string; path: string; body: string; target: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } }): Record<string, string> {
    const { host, path, body, target, region, credentials } = request;
    const amzDate = this.amzDate();
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${region}/dynamodb/aws4_request`;
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      host,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
      'x-amz-target': target,
    };
    const names = Object.keys(headers);
    const canonical = ['POST', path, '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(body)].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    const signature = createHmac('sha256', this.keyFor(scope, day, region, credentials.secretAccessKey)).update(toSign).digest('hex');
    return {
      ...headers,
      'content-length': String(Buffer.byteLength(body)),
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  }

  private amzDate(): string {
    const second = Math.floor(this.nowMs() / 1000);
    if (second !== this.clock.second) this.clock = { second, amzDate: new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '') };
    return this.clock.amzDate;
  }

  private keyFor(scope: string, day: string, region: string, secret: string): Buffer {
    if (this.cached?.scope === scope && this.cached.secret === secret) return this.cached.key;
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 'dynamodb'), 'aws4_request');
    this.cached = { scope, secret, key };
    return key;
  }
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
