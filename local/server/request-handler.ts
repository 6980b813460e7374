/**
 * The twin's HTTP routes: POST /graphql in AppSync's shapes, CORS preflight, the Cognito API
 * (x-amz-target POSTs and the JWKS GETs), and the pages (./pages). WebSocket upgrades on
 * /graphql/realtime are handled by local/realtime, attached to the same servers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLApi, Headers } from '../graphql/api';
import type { LocalCredentials } from '../auth/local-credentials';
import type { UserPool } from '../auth/user-pool';
import { AdmissionQueue, type AdmissionStats } from './admission';
import { authenticateHttpRequest } from './http-auth';
import { DEFAULT_ADMISSION_LIMITS, RETRY_AFTER_SECONDS, THROTTLED_ERROR_TYPE, type AdmissionLimits } from './limits';
import { servePage } from './pages';

/** AppSync's values (seen on real responses). */
export const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version';
export const ALLOW_HEADERS = 'Authorization,x-amz-user-agent,content-type,x-amz-date,x-amz-security-token,x-api-key,x-amz-content-sha256';

/** Largest request body the twin reads (AppSync's request limit is far below this). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Answers the request and returns true when it is a Cognito API or JWKS request. */
export type CognitoRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface RequestHandlerOptions {
  api: GraphQLApi;
  pool: UserPool;
  credentials: LocalCredentials;
  region: string;
  /** The Cognito Identity Provider API (from local/auth). */
  cognito: CognitoRoute;
  log: { debug(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** Bounds on GraphQL operations at once and waiting (default DEFAULT_ADMISSION_LIMITS). */
  admission?: AdmissionLimits;
}

export interface TwinRequestHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Resolves when no request is being handled. */
  idle(): Promise<void>;
  /** From now on every request is answered 503 (the twin is stopping); those in flight finish. */
  refuseNewRequests(): void;
  /** The GraphQL admission queue's counters. */
  admissionStats(): AdmissionStats;
}

/** The request body, or null when it is larger than the twin reads. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSE_HEADERS,
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(res, status, { errors: [{ errorType, message }] }, { 'x-amzn-ErrorType': errorType });
}

/**
 * A GraphQL request refused by admission control, before any of it ran (see THROTTLED_ERROR_TYPE
 * in ./limits for the shape, UNVERIFIED against AppSync). A 4xx that Amplify retries.
 */
function sendThrottled(res: ServerResponse): void {
  sendJson(
    res,
    429,
    { errors: [{ errorType: THROTTLED_ERROR_TYPE, message: 'Too many requests are being processed; retry shortly.' }] },
    { 'x-amzn-ErrorType': THROTTLED_ERROR_TYPE, 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/**
 * The answer to a request that arrives once stop() began: a 5xx, so that Amplify retries it
 * (against the restarted twin), Retry-After to say when, and Connection: close so that a
 * keep-alive client does not send its next request into a server that is going away.
 * AppSync's own body for a 503 is not documented (UNVERIFIED); this one has its error shape.
 */
function sendShuttingDown(res: ServerResponse): void {
  sendJson(
    res,
    503,
    { errors: [{ errorType: 'ServiceUnavailableException', message: 'The server is shutting down; retry shortly.' }] },
    { 'x-amzn-ErrorType': 'ServiceUnavailableException', 'retry-after': String(RETRY_AFTER_SECONDS), connection: 'close' },
  );
}

function sourceIpOf(req: IncomingMessage): string[] {
  const forwarded = req.headers['x-forwarded-for'];
  const chain = typeof forwarded === 'string' ? forwarded.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return [...chain, (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')];
}

/** ctx.request.headers: the client's headers, except cookies (AppSync never exposes them). */
function resolverHeaders(req: IncomingMessage): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = value;
  }
  return headers;
}

export function createRequestHandler(options: RequestHandlerOptions): TwinRequestHandler {
  let inFlight = 0;
  let refusing = false;
  let waiters: Array<() => void> = [];
  const admissionQueue = new AdmissionQueue(options.admission ?? DEFAULT_ADMISSION_LIMITS);
  const done = () => {
    inFlight -= 1;
    if (inFlight === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };

  async function graphql(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const body = raw.toString('utf8');
    const sourceIp = sourceIpOf(req);
    const auth = await authenticateHttpRequest(
      { method: req.method ?? 'POST', url: req.url ?? '/graphql', headers: req.headers, body, sourceIp },
      options,
    );
    if (!auth.ok) return sendError(res, auth.status, auth.errorType, auth.message);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'MalformedHttpRequestException', 'Unable to parse the JSON document.');
    }
    // AppSync does not batch: an array body is refused as a whole.
    if (Array.isArray(parsed) || parsed === null || typeof parsed !== 'object') {
      return sendError(res, 400, 'MalformedHttpRequestException', 'The request body must be a JSON object.');
    }
    const { query, variables, operationName } = parsed as Record<string, unknown>;
    const { response, responseHeaders } = await options.api.executeWithHeaders({
      query,
      variables,
      operationName,
      caller: auth.caller,
      identity: auth.identity,
      headers: resolverHeaders(req),
    });
    sendJson(res, 200, response, responseHeaders);
  }

  /** Runs the GraphQL request once admitted; refused (429) when the queue is full or too slow. */
  async function admitted(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    // A client that goes away while queued gives its place up.
    const gone = new AbortController();
    const onClose = (): void => gone.abort();
    res.once('close', onClose);
    const admission = await admissionQueue.acquire(gone.signal);
    res.off('close', onClose);
    if (!admission.admitted) {
      if (admission.reason !== 'cancelled') sendThrottled(res);
      return;
    }
    try {
      await graphql(req, res, body);
    } finally {
      admission.release();
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://twin').pathname;
    if (await options.cognito(req, res)) return;
    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-expose-headers': EXPOSE_HEADERS,
        'access-control-max-age': '86400',
        'content-length': '0',
      });
      res.end();
      return;
    }
    const body = await readBody(req);
    // A 4xx, not a 5xx: Amplify re-sends requests that fail with 5xx.
    if (body === null) return sendError(res, 413, 'PayloadTooLargeException', 'The request body is too large.');
    if (path === '/graphql') {
      if (req.method !== 'POST') return sendError(res, 405, 'MethodNotAllowedException', 'Use POST for GraphQL requests.');
      return admitted(req, res, body);
    }
    if (await servePage(req, res, path, options.credentials)) return;
    sendError(res, 404, 'NotFoundException', `No route for ${req.method} ${path}`);
  }

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    if (refusing) return sendShuttingDown(res);
    inFlight += 1;
    const started = performance.now();
    res.once('close', () => {
      options.log.debug({ method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      done();
    });
    route(req, res).catch((error: unknown) => {
      options.log.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', 'An internal failure occurred.');
      else res.destroy();
    });
  }) as TwinRequestHandler;
  handler.idle = () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)));
  handler.admissionStats = () => admissionQueue.stats();
  handler.refuseNewRequests = () => {
    refusing = true;
  };
  return handler;
}
