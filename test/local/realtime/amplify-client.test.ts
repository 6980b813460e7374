/**
 * The real aws-amplify 6.22.1 client against the realtime side (API-key mode, so no user pool
 * is needed). Amplify always dials wss://; this test serves plain ws and rewrites the scheme in
 * the WebSocket class it gives Amplify (the twin's server serves TLS on the same port instead).
 */
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import WebSocket from 'ws';
import { unrefAmplifyTimers } from '../../support/amplify-timers';
import { startTwin, type TestTwin } from './support/twin';

class LoopbackWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(String(url).replace(/^wss:\/\/127\.0\.0\.1/, 'ws://127.0.0.1'), protocols);
  }
}

type Observed = { data?: Record<string, unknown>; errors?: Array<{ message: string }> };

/** Resolves on the next Amplify API connection state equal to `state`. */
function connectionState(state: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = Hub.listen('api', ({ payload }) => {
      const data = payload.data as { connectionState?: string } | undefined;
      if (payload.event === 'ConnectionStateChange' && data?.connectionState === state) {
        stop();
        resolve();
      }
    });
  });
}

/** A queue over an Amplify subscription's callbacks. */
function observe(observable: { subscribe(observer: { next(value: Observed): void; error(value: Observed): void }): { unsubscribe(): void } }) {
  const events: Array<{ kind: 'next' | 'error'; value: Observed }> = [];
  const waiters: Array<(event: { kind: 'next' | 'error'; value: Observed }) => void> = [];
  const push = (event: { kind: 'next' | 'error'; value: Observed }) => {
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else events.push(event);
  };
  const subscription = observable.subscribe({
    next: (value) => push({ kind: 'next', value }),
    error: (value) => push({ kind: 'error', value }),
  });
  return {
    subscription,
    next: () => {
      const queued = events.shift();
      return queued ? Promise.resolve(queued) : new Promise<{ kind: 'next' | 'error'; value: Observed }>((resolve) => waiters.push(resolve));
    },
  };
}

let twin: TestTwin;
const previousWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket;
let restoreTimers: () => void;

beforeAll(async () => {
  twin = await startTwin();
  restoreTimers = unrefAmplifyTimers();
  (globalThis as { WebSocket?: unknown }).WebSocket = LoopbackWebSocket;
  Amplify.configure({
    API: {
      GraphQL: {
        endpoint: `http://127.0.0.1:${twin.port}/graphql`,
        region: 'us-east-1',
        defaultAuthMode: 'apiKey',
        apiKey: 'key',
      },
    },
  });
});

afterAll(async () => {
  await twin.close();
  (globalThis as { WebSocket?: unknown }).WebSocket = previousWebSocket;
  restoreTimers?.();
});

describe('aws-amplify 6.22.1 generateClient() subscriptions', () => {
  it('subscribes over the header- subprotocol, receives data, and stops on unsubscribe', async () => {
    const client = generateClient();
    const connected = connectionState('Connected');
    const observed = observe(
      client.graphql({
        query: 'subscription OnNew($roomId: ID!) { onNewMessage(roomId: $roomId) { roomId id content __typename } }',
        variables: { roomId: 'amp-1' },
      }) as never,
    );
    await connected;

    // Amplify authenticated the socket with its API-key header object.
    expect(twin.backend.connectionHeaders.at(-1)).toEqual({
      host: `127.0.0.1:${twin.port}`,
      'x-amz-date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      'x-api-key': 'key',
    });
    expect(twin.backend.starts.at(-1)).toMatchObject({ variables: { roomId: 'amp-1' }, authorization: { 'x-api-key': 'key' } });

    twin.hub.publish({ mutationField: 'sendMessage', result: { roomId: 'amp-2', id: 'other', content: 'no' } });
    twin.hub.publish({ mutationField: 'sendMessage', result: { roomId: 'amp-1', id: 'm1', content: 'hello' } });
    expect(await observed.next()).toEqual({
      kind: 'next',
      value: { data: { onNewMessage: { roomId: 'amp-1', id: 'm1', content: 'hello', __typename: 'Message' } } },
    });

    // Amplify sends stop, then closes the idle socket.
    const disconnected = connectionState('Disconnected');
    observed.subscription.unsubscribe();
    await disconnected;
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: { roomId: 'amp-1', id: 'm2', content: 'late' } })).toBe(0);
  });

  it('a denied start reaches the observer as an error carrying the AppSync error', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = generateClient();
    const observed = observe(client.graphql({ query: 'subscription { onSecret { id } }' }) as never);
    const event = await observed.next();
    expect(event.kind).toBe('error');
    const message = event.value.errors?.[0]?.message ?? '';
    expect(message.startsWith('Connection failed: ')).toBe(true);
    expect(JSON.parse(message.slice('Connection failed: '.length))).toEqual({
      errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onSecret on type Subscription' }],
    });
    // Amplify 6.22 treats errorType Unauthorized as an auth error and drops the socket to reconnect.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Subscription failed due to auth error, closing WebSocket'));
    warn.mockRestore();
    observed.subscription.unsubscribe();
  });
});
