/// <reference lib="dom" />
/**
 * One subscription over AppSync's realtime protocol (not graphql-ws's): a WebSocket with the
 * `graphql-ws` and `header-<base64url>` subprotocols, connection_init -> connection_ack, start
 * -> start_ack, then data frames until stop/complete. Returned as the async iterable GraphiQL
 * streams into its result pane; GraphiQL's stop button calls return(), which sends stop.
 */

/** What GraphiQL shows for each event. */
export interface StreamedResult {
  data?: unknown;
  errors?: unknown[];
  extensions?: Record<string, unknown>;
}

export interface SubscriptionRequest {
  /** The GraphQL endpoint (…/graphql); the realtime URL is derived as Amplify does. */
  endpoint: string;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  connectHeader(): Promise<Record<string, string>>;
  startAuthorization(data: string): Promise<Record<string, string>>;
}

const STANDARD_DOMAIN = /^https:\/\/\w{26}\.appsync-api\.\w{2}(?:(?:-\w{2,})+)-\d\.amazonaws\.com(?:\.cn)?\/graphql$/i;

/**
 * AppSync's realtime URL for a GraphQL endpoint: the appsync-realtime-api host for a standard
 * domain, <endpoint>/realtime otherwise. An http:// endpoint (the twin) is dialled over ws://,
 * so the console needs no trusted certificate; Amplify always dials wss://.
 */
export function realtimeUrlOf(endpoint: string): string {
  if (STANDARD_DOMAIN.test(endpoint)) return endpoint.replace('https://', 'wss://').replace('appsync-api', 'appsync-realtime-api');
  return `${endpoint.replace(/^https:/, 'wss:').replace(/^http:/, 'ws:')}/realtime`;
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface Frame {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: unknown; connectionTimeoutMs?: number };
}

/** AppSync sends errors as an array, and once (MaxSubscriptionsReachedError) as an object. */
function errorsOf(payload: Frame['payload']): unknown[] {
  const errors = payload?.errors;
  if (Array.isArray(errors)) return errors;
  return errors === undefined ? [] : [errors];
}

export function subscribeOverRealtime(request: SubscriptionRequest): AsyncIterableIterator<StreamedResult> {
  const queue: StreamedResult[] = [];
  const waiting: Array<(result: IteratorResult<StreamedResult>) => void> = [];
  let finished = false;
  let socket: WebSocket | null = null;
  let acknowledged = false;
  const id = crypto.randomUUID();

  const push = (result: StreamedResult) => {
    if (finished) return;
    const waiter = waiting.shift();
    if (waiter) waiter({ value: result, done: false });
    else queue.push(result);
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    for (const waiter of waiting.splice(0)) waiter({ value: undefined, done: true });
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
  };
  const fail = (errors: unknown[]) => {
    push({ errors });
    // Let the error be read before the stream ends.
    queueMicrotask(finish);
  };

  const data = JSON.stringify({ query: request.query, variables: request.variables, ...(request.operationName ? { operationName: request.operationName } : {}) });

  async function open(): Promise<void> {
    const header = await request.connectHeader();
    socket = new WebSocket(realtimeUrlOf(request.endpoint), ['graphql-ws', `header-${base64Url(JSON.stringify(header))}`]);
    socket.onopen = () => socket?.send(JSON.stringify({ type: 'connection_init' }));
    socket.onerror = () => {
      if (!acknowledged) fail([{ message: `The realtime endpoint ${realtimeUrlOf(request.endpoint)} cannot be reached.` }]);
    };
    socket.onclose = (event) => {
      if (!finished) fail([{ message: `The realtime connection closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''}).` }]);
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as Frame;
      void onFrame(frame);
    };
  }

  async function onFrame(frame: Frame): Promise<void> {
    switch (frame.type) {
      case 'connection_ack': {
        const authorization = await request.startAuthorization(data);
        socket?.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
        return;
      }
      case 'start_ack':
        if (frame.id !== id) return;
        acknowledged = true;
        push({ extensions: { subscription: 'start_ack: subscribed. Events appear here as they arrive; Stop ends the subscription.' } });
        return;
      case 'data':
        if (frame.id === id) push(frame.payload as StreamedResult);
        return;
      case 'error':
      case 'connection_error':
        fail(errorsOf(frame.payload));
        return;
      case 'complete':
        if (frame.id === id) finish();
        return;
      default:
        return; // ka: the connection is alive
    }
  }

  open().catch((error: unknown) => fail([{ message: error instanceof Error ? error.message : String(error) }]));

  const iterator: AsyncIterableIterator<StreamedResult> = {
    next: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve({ value: queued, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: () => {
      if (acknowledged && socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: 'stop' }));
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    // GraphiQL's stop calls [Symbol.asyncIterator]().return(): it must be this same iterator.
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
