import { connect } from 'node:net';
import { FrameClient, type Frame } from './support/frame-client';
import { closeOf, OPCODE, RawWebSocket } from './support/raw-socket';
import { ON_NEW_MESSAGE, startFrame } from './support/fake-backend';
import { startTwin, type TestTwin } from './support/twin';
import { closeReasons } from '../../../local/realtime/errors';
import { systemTimers } from '../../../local/realtime/protocol';

const unauthorizedConnectionError = {
  type: 'connection_error',
  payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
};

function message(roomId: string, n: number) {
  return { roomId, id: `m${n}`, content: `message ${n}`, sender: 'ann' };
}

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTwin();
});
afterAll(async () => {
  await twin.close();
});

/** Subscribes to onNewMessage(roomId) and waits for start_ack. */
async function subscribe(client: FrameClient, id: string, roomId: string): Promise<void> {
  client.send(startFrame(id, ON_NEW_MESSAGE, { roomId }));
  expect(await client.nextNonKa()).toEqual({ type: 'start_ack', id });
}

describe('handshake and authentication', () => {
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

  it('header- subprotocol (Amplify >= 6.6): selects graphql-ws, acks with 300000 ms, then ka at once', async () => {
    const header = { Authorization: 'allow-ann', host: `127.0.0.1:${twin.port}`, 'x-amz-user-agent': 'aws-amplify/6.22.1' };
    const client = await FrameClient.open(twin.url, ['graphql-ws', `header-${b64url(header)}`]);
    expect(client.socket.protocol).toBe('graphql-ws');
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(await client.next()).toEqual({ type: 'ka' });
    expect(twin.backend.connectionHeaders.at(-1)).toEqual(header);
    await client.close();
  });

  it('?header=<base64>&payload=e30= query form (older clients)', async () => {
    // This header's base64 contains '+' and '/', which a query string must survive.
    const header = { Authorization: 'allow-bob', host: 'h?>>>~~~' };
    expect(b64(header)).toMatch(/[+/]/);
    const client = await FrameClient.open(`${twin.url}?header=${b64(header)}&payload=e30=`, 'graphql-ws');
    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
    expect(twin.backend.connectionHeaders.at(-1)).toEqual(header);
    await client.close();
  });

  it('plain upgrade headers', async () => {
    const headers = { Authorization: 'allow-cy', 'x-api-key': 'nope', 'X-Amz-Security-Token': 'tok', 'Content-Type': 'application/json' };
    const client = await FrameClient.open(twin.url, 'graphql-ws', { headers });
    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
    // Named as in AppSync's header object; the handshake's own headers are left out.
    expect(twin.backend.connectionHeaders.at(-1)).toEqual({
      host: `127.0.0.1:${twin.port}`,
      Authorization: 'allow-cy',
      'x-api-key': 'nope',
      'X-Amz-Security-Token': 'tok',
      'content-type': 'application/json',
    });
    await client.close();
  });

  it.each<[string, () => Promise<FrameClient>]>([
    ['header- subprotocol', () => FrameClient.open(twin.url, ['graphql-ws', `header-${b64url({ Authorization: 'deny', host: 'h' })}`])],
    ['query header', () => FrameClient.open(`${twin.url}?header=${b64({ Authorization: 'deny' })}&payload=e30=`, 'graphql-ws')],
    ['plain headers', () => FrameClient.open(twin.url, 'graphql-ws', { headers: { Authorization: 'deny' } })],
    ['no header at all', () => FrameClient.open(twin.url, 'graphql-ws')],
    ['undecodable header- subprotocol', () => FrameClient.open(twin.url, ['graphql-ws', 'header-not_base64_json'])],
  ])('refused credentials (%s): connection_error 401 then close', async (_name, open) => {
    const client = await open();
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual(unauthorizedConnectionError);
    expect((await client.closed).code).toBe(1000);
  });

  it('a start on an unauthenticated socket is refused the same way and registers nothing', async () => {
    const startsBefore = twin.backend.starts.length;
    const client = await FrameClient.open(twin.url, 'graphql-ws', { headers: { Authorization: 'deny' } });
    client.send(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    expect(await client.next()).toEqual(unauthorizedConnectionError);
    await client.closed;
    expect(twin.backend.starts.length).toBe(startsBefore);
  });

  it('without the graphql-ws subprotocol: connection_error SubProtocolNotSupportedError then close', async () => {
    const client = await FrameClient.open(twin.url);
    expect(client.socket.protocol).toBe('');
    expect(await client.next()).toEqual({
      type: 'connection_error',
      payload: { errors: [{ message: 'SubProtocolNotSupportedError', errorCode: 400 }] },
    });
    expect((await client.closed).code).toBe(1000);
  });

  it('an upgrade with an unparseable target is refused and the server keeps serving', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(twin.port, '127.0.0.1', () => {
        socket.write(
          'GET http://[bad/graphql/realtime HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
    const client = await FrameClient.connected(twin.url);
    await client.close();
  });

  it('other paths are not upgraded', async () => {
    await expect(FrameClient.open(`ws://127.0.0.1:${twin.port}/graphql`, 'graphql-ws')).rejects.toThrow('Unexpected server response: 404');
  });
});

describe('subscriptions', () => {
  it('start -> start_ack -> data for matching events -> stop -> complete', async () => {
    const client = await FrameClient.connected(twin.url);
    await subscribe(client, 'sub-1', 'r1');
    const start = twin.backend.starts.at(-1);
    expect(start).toMatchObject({
      id: 'sub-1',
      query: ON_NEW_MESSAGE,
      variables: { roomId: 'r1' },
      authorization: { Authorization: 'allow-ann', host: '127.0.0.1' },
      connectionPrincipal: { user: 'ann' },
      sourceIp: '127.0.0.1',
    });

    expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r2', 1) })).toBe(0);
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: { ...message('r1', 2), senderId: 'u1' } })).toBe(1);
    expect(await client.nextNonKa()).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onNewMessage: { roomId: 'r1', id: 'm2', content: 'message 2', sender: 'ann' } } },
    });

    client.send({ type: 'stop', id: 'sub-1' });
    expect(await client.nextNonKa()).toEqual({ type: 'complete', id: 'sub-1' });
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r1', 3) })).toBe(0);
    await client.close();
  });

  it('a denied start gets error with its id and the backend errors; the connection stays usable', async () => {
    const client = await FrameClient.connected(twin.url);
    client.send(startFrame('denied', ON_NEW_MESSAGE, { roomId: 'r1' }, { Authorization: 'deny' }));
    expect(await client.nextNonKa()).toEqual({
      type: 'error',
      id: 'denied',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onNewMessage on type Subscription' }] },
    });
    await subscribe(client, 'denied', 'r1');
    await client.close();
  });

  it('a duplicate id is refused with DuplicatedOperationError and the first subscription is untouched', async () => {
    const client = await FrameClient.connected(twin.url);
    await subscribe(client, 'dup', 'r-dup');
    const startsBefore = twin.backend.starts.length;
    client.send(startFrame('dup', ON_NEW_MESSAGE, { roomId: 'other' }));
    expect(await client.nextNonKa()).toEqual({
      type: 'error',
      id: 'dup',
      payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id dup' }] },
    });
    expect(twin.backend.starts.length).toBe(startsBefore);
    twin.hub.publish({ mutationField: 'sendMessage', result: message('r-dup', 1) });
    expect(await client.nextNonKa()).toMatchObject({ type: 'data', id: 'dup' });
    await client.close();
  });

  it('100 subscriptions per connection; the 101st gets MaxSubscriptionsReachedError', async () => {
    const client = await FrameClient.connected(twin.url);
    for (let i = 0; i < 100; i += 1) client.send(startFrame(`s${i}`, ON_NEW_MESSAGE, { roomId: 'r-max' }));
    client.send(startFrame('s100', ON_NEW_MESSAGE, { roomId: 'r-max' }));
    const replies: Frame[] = [];
    for (let i = 0; i < 101; i += 1) replies.push(await client.nextNonKa());
    const refused = replies.filter((frame) => frame.type === 'error');
    expect(refused).toEqual([
      {
        type: 'error',
        id: 's100',
        // AWS sends this error's `errors` as an object, not an array.
        payload: { errors: { errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' } },
      },
    ]);
    expect(replies.filter((frame) => frame.type === 'start_ack')).toHaveLength(100);
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r-max', 1) })).toBe(100);
    for (let i = 0; i < 100; i += 1) expect((await client.nextNonKa()).type).toBe('data');

    client.send({ type: 'stop', id: 's0' });
    expect(await client.nextNonKa()).toEqual({ type: 'complete', id: 's0' });
    await subscribe(client, 's100', 'r-max');
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r-max', 2) })).toBe(100);
    await client.close();
  });

  it('a payload over 240 KB is not delivered; the mutation succeeds and later events still are', async () => {
    const client = await FrameClient.connected(twin.url);
    await subscribe(client, 'big', 'r-big');
    const huge = { ...message('r-big', 1), content: 'x'.repeat(241 * 1024) };
    expect(() => twin.hub.publish({ mutationField: 'sendMessage', result: huge })).not.toThrow();
    twin.hub.publish({ mutationField: 'sendMessage', result: message('r-big', 2) });
    expect(await client.nextNonKa()).toMatchObject({ type: 'data', id: 'big', payload: { data: { onNewMessage: { id: 'm2' } } } });
    await client.close();
  });

  it('invalidation sends complete to exactly the matching subscriptions', async () => {
    twin.backend.filtersFor = (_field, args, user) => ({
      enhancedFilter: { filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: args.roomId as string }] }] },
      invalidationFilter: {
        filterGroup: [
          {
            filters: [
              { fieldName: 'roomId', operator: 'eq', value: args.roomId as string },
              { fieldName: 'userId', operator: 'eq', value: user },
            ],
          },
        ],
      },
    });
    try {
      const ann = await FrameClient.connected(twin.url, { Authorization: 'allow-ann' });
      const bob = await FrameClient.connected(twin.url, { Authorization: 'allow-bob' });
      ann.send(startFrame('ann-a', ON_NEW_MESSAGE, { roomId: 'inv-a' }, { Authorization: 'allow-ann' }));
      expect(await ann.nextNonKa()).toEqual({ type: 'start_ack', id: 'ann-a' });
      ann.send(startFrame('ann-b', ON_NEW_MESSAGE, { roomId: 'inv-b' }, { Authorization: 'allow-ann' }));
      expect(await ann.nextNonKa()).toEqual({ type: 'start_ack', id: 'ann-b' });
      bob.send(startFrame('bob-a', ON_NEW_MESSAGE, { roomId: 'inv-a' }, { Authorization: 'allow-bob' }));
      expect(await bob.nextNonKa()).toEqual({ type: 'start_ack', id: 'bob-a' });

      expect(twin.hub.invalidate({ subscriptionField: 'onNewMessage', payload: { roomId: 'inv-a', userId: 'ann' } })).toBe(1);
      expect(await ann.nextNonKa()).toEqual({ type: 'complete', id: 'ann-a' });

      twin.hub.publish({ mutationField: 'sendMessage', result: message('inv-a', 1) });
      twin.hub.publish({ mutationField: 'sendMessage', result: message('inv-b', 2) });
      expect(await ann.nextNonKa()).toMatchObject({ type: 'data', id: 'ann-b' });
      expect(await bob.nextNonKa()).toMatchObject({ type: 'data', id: 'bob-a' });
      // Stopping the invalidated id later is harmless.
      ann.send({ type: 'stop', id: 'ann-a' });
      expect(await ann.nextNonKa()).toEqual({ type: 'complete', id: 'ann-a' });
      await Promise.all([ann.close(), bob.close()]);
    } finally {
      twin.backend.filtersFor = () => null;
    }
  });

  it('selection subsetting over the wire: own fields only, unselected mutation fields are null', async () => {
    const client = await FrameClient.connected(twin.url);
    client.send(startFrame('sel', 'subscription { m: onNewMessage(roomId: "r-sel") { id text: content senderId __typename } }'));
    expect(await client.nextNonKa()).toEqual({ type: 'start_ack', id: 'sel' });
    twin.hub.publish({
      mutationField: 'sendMessage',
      result: { roomId: 'r-sel', id: 'm1', content: 'hello', senderId: 'u1', sender: 'ann' },
      mutationSelection: {
        typeName: 'Message',
        fields: ['roomId', 'id', 'content', 'sender'].map((name) => ({ responseKey: name, fieldName: name })),
      },
    });
    expect(await client.nextNonKa()).toEqual({
      type: 'data',
      id: 'sel',
      payload: { data: { m: { id: 'm1', text: 'hello', senderId: null, __typename: 'Message' } } },
    });
    await client.close();
  });
});

describe('malformed frames', () => {
  const badRequest = (message: string) => ({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message }] } });
  const unsupported = (id: string | undefined, operation: string) => ({
    type: 'error',
    ...(id === undefined ? {} : { id }),
    payload: { errors: [{ errorType: 'UnsupportedOperation', message: `${operation} not supported through the realtime channel` }] },
  });
  const notJson = badRequest('The message is not valid JSON.');
  const notAMessage = badRequest('The message must be a JSON object with a string "type".');
  const withData = (data: unknown, id: unknown = 'bad') =>
    JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization: { Authorization: 'allow-ann' } } } });
  const withoutId = JSON.stringify({ type: 'start', payload: { data: JSON.stringify({ query: ON_NEW_MESSAGE }) } });

  it.each<[string, string, unknown]>([
    ['not JSON', 'hello', notJson],
    ['truncated JSON', '{"type":"start"', notJson],
    ['an array', '[{"type":"connection_init"}]', notAMessage],
    ['null', 'null', notAMessage],
    ['a string', '"start"', notAMessage],
    ['missing type', '{"id":"x"}', notAMessage],
    ['a numeric type', '{"type":5}', notAMessage],
    ['an unknown type', '{"type":"subscribe","id":"x"}', unsupported('x', 'subscribe')],
    ['a client ka', '{"type":"ka"}', unsupported(undefined, 'ka')],
    ['start without id', withoutId, unsupported('', 'unknown')],
    ['start with an empty id', withData(JSON.stringify({ query: ON_NEW_MESSAGE }), ''), unsupported('', 'unknown')],
    ['start with a numeric id', withData(JSON.stringify({ query: ON_NEW_MESSAGE }), 7), unsupported('', 'unknown')],
    ['start without payload', '{"id":"bad","type":"start"}', unsupported('bad', 'unknown')],
    ['start with data an object, not a string', withData({ query: ON_NEW_MESSAGE }), unsupported('bad', 'unknown')],
    ['start with data not JSON', withData('{query'), unsupported('bad', 'unknown')],
    ['start with data without query', withData(JSON.stringify({ variables: {} })), unsupported('bad', 'unknown')],
    ['start with a non-string query', withData(JSON.stringify({ query: 42 })), unsupported('bad', 'unknown')],
    ['start with variables an array', withData(JSON.stringify({ query: ON_NEW_MESSAGE, variables: [] })), unsupported('bad', 'unknown')],
    ['start with a GraphQL syntax error', withData(JSON.stringify({ query: 'subscription {' })), unsupported('bad', 'unknown')],
    ['start with a query', withData(JSON.stringify({ query: '{ getRoom(roomId: "r1") { id } }' })), unsupported('bad', 'query')],
    ['start with a mutation', withData(JSON.stringify({ query: 'mutation { leaveRoom(roomId: "r1") { id } }' })), unsupported('bad', 'mutation')],
    [
      'start with two operations and no operationName',
      withData(JSON.stringify({ query: `${ON_NEW_MESSAGE} subscription T { onMessageChanged(roomId: "r") { id } }` })),
      unsupported('bad', 'unknown'),
    ],
    ['stop without id', '{"type":"stop"}', badRequest('A stop message needs an "id".')],
    ['stop for an unknown id (answered: it is over)', '{"type":"stop","id":"never-started"}', { type: 'complete', id: 'never-started' }],
  ])('%s', async (_name, text, reply) => {
    const client = await FrameClient.connected(twin.url);
    const startsBefore = twin.backend.starts.length;
    client.send(text);
    expect(await client.nextNonKa()).toEqual(reply);
    // Nothing was started or registered: an event for any room reaches nobody.
    expect(twin.backend.starts.length).toBe(startsBefore);
    expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r-nobody', 0) })).toBe(0);
    // The connection survives and still serves.
    await subscribe(client, 'after', 'r-after');
    client.send({ type: 'stop', id: 'after' });
    expect(await client.nextNonKa()).toEqual({ type: 'complete', id: 'after' });
    await client.close();
  });
});

describe('incoming frame limit', () => {
  const notJson = { type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'The message is not valid JSON.' }] } };

  it('is limits.maxIncomingFrameBytes: a frame of that size is read, one byte more closes the socket with 1009', async () => {
    const small = await startTwin({ maxIncomingFrameBytes: 1000 });
    try {
      const client = await FrameClient.connected(small.url);
      client.send('x'.repeat(1000));
      expect(await client.nextNonKa()).toEqual(notJson);
      client.send('x'.repeat(1001));
      // RFC 6455's "message too big", sent by ws as the frame's length arrives.
      await expect(client.next()).rejects.toThrow('socket closed (1009)');
      expect(await client.closed).toEqual({ code: 1009, reason: '' });
      expect(closeReasons.frameTooLarge()).toEqual({ code: 1009, reason: '' });
    } finally {
      await small.close();
    }
  });

  it('is 1 MiB by default (the README limits table)', async () => {
    const client = await FrameClient.connected(twin.url);
    client.send('x'.repeat(1024 * 1024));
    expect(await client.nextNonKa()).toEqual(notJson);
    client.send('x'.repeat(1024 * 1024 + 1));
    expect(await client.closed).toEqual({ code: 1009, reason: '' });
  });
});

describe('start rate limit', () => {
  it('a small configured limit: the start over it gets LimitExceededError with its id; after a refill starts succeed', async () => {
    // Real timers for ka and lifetime; a clock that only the test moves for the rate limit.
    let clock = 0;
    const limited = await startTwin({ startBurst: 2, startsPerSecond: 1 }, { ...systemTimers, now: () => clock });
    try {
      const client = await FrameClient.connected(limited.url);
      const texts: string[] = [];
      client.socket.on('message', (data) => texts.push(String(data)));
      for (const id of ['r1', 'r2', 'r3']) client.send(startFrame(id, ON_NEW_MESSAGE, { roomId: 'r-rate' }));
      const replies: Frame[] = [];
      for (let i = 0; i < 3; i += 1) replies.push(await client.nextNonKa());
      // The refusal is immediate while the accepted starts wait for the backend: order may vary.
      expect(replies.filter((frame) => frame.type === 'start_ack').map((frame) => frame.id).sort()).toEqual(['r1', 'r2']);
      expect(texts).toContain(
        '{"type":"error","id":"r3","payload":{"errors":[{"errorType":"LimitExceededError","message":"Rate limit exceeded"}]}}',
      );
      expect(limited.backend.starts.map((input) => input.id)).toEqual(['r1', 'r2']);

      clock += 1000;
      await subscribe(client, 'r3', 'r-rate');
      expect(limited.hub.publish({ mutationField: 'sendMessage', result: message('r-rate', 1) })).toBe(3);
      for (let i = 0; i < 3; i += 1) expect((await client.nextNonKa()).type).toBe('data');
      await client.close();
    } finally {
      await limited.close();
    }
  });
});

describe('fan-out', () => {
  it('1,000 publishes reach several subscribers complete and in order', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => FrameClient.connected(twin.url)));
    for (const [index, client] of clients.entries()) await subscribe(client, `order-${index}`, 'r-order');
    for (let n = 0; n < 1000; n += 1) {
      expect(twin.hub.publish({ mutationField: 'sendMessage', result: message('r-order', n) })).toBe(3);
    }
    for (const [index, client] of clients.entries()) {
      const ids: string[] = [];
      for (let n = 0; n < 1000; n += 1) {
        const frame = await client.nextNonKa();
        expect(frame.id).toBe(`order-${index}`);
        ids.push((frame.payload as { data: { onNewMessage: { id: string } } }).data.onNewMessage.id);
      }
      expect(ids).toEqual(Array.from({ length: 1000 }, (_, n) => `m${n}`));
    }
    await Promise.all(clients.map((client) => client.close()));
  });

});

describe('slow, idle and dead peers', () => {
  const header = (value: Record<string, unknown>) => `header-${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
  const idOf = (frame: Frame) => (frame.payload as { data: { onNewMessage: { id: string } } }).data.onNewMessage.id;

  it('below the limit, a paused (slow) reader delays neither the publisher nor the other subscribers', async () => {
    const roomy = await startTwin({ maxOutboundBufferBytes: 64 * 1024 * 1024 });
    const slow = await FrameClient.connected(roomy.url);
    const fast = await FrameClient.connected(roomy.url);
    await subscribe(slow, 'slow', 'r-slow');
    await subscribe(fast, 'fast', 'r-slow');
    slow.socket.pause();
    // 400 x 64 KB = 25 MB: more than the loopback socket buffers hold, so the server queues it.
    const body = 'y'.repeat(64 * 1024);
    for (let n = 0; n < 400; n += 1) {
      expect(roomy.hub.publish({ mutationField: 'sendMessage', result: { ...message('r-slow', n), content: body } })).toBe(2);
    }
    for (let n = 0; n < 400; n += 1) {
      const frame = await fast.nextNonKa();
      expect((frame.payload as { data: { onNewMessage: { id: string } } }).data.onNewMessage.id).toBe(`m${n}`);
    }
    // The fast reader has everything while the slow one has read nothing yet.
    expect(slow.buffered.filter((frame) => frame.type === 'data')).toEqual([]);
    slow.socket.resume();
    for (let n = 0; n < 400; n += 1) {
      const frame = await slow.nextNonKa();
      expect((frame.payload as { data: { onNewMessage: { id: string } } }).data.onNewMessage.id).toBe(`m${n}`);
    }
    await Promise.all([slow.close(), fast.close()]);
    await roomy.close();
  });


  it('a reader that stops reading is closed at the outbound limit with 1008, and the other subscriber gets every message', async () => {
    // The close handshake has to wait until the paused reader reads again: give it time.
    const bounded = await startTwin({ maxOutboundBufferBytes: 256 * 1024 }, undefined, 60_000);
    const slow = await FrameClient.connected(bounded.url);
    const fast = await FrameClient.connected(bounded.url);
    await subscribe(slow, 'slow', 'r-bound');
    await subscribe(fast, 'fast', 'r-bound');
    slow.socket.pause();
    const body = 'z'.repeat(64 * 1024);
    let published = 0;
    // At most 1,600 x 64 KB = 100 MB, far beyond the loopback buffers: without the limit the
    // server would queue it all for the paused reader.
    while (bounded.hub.size === 2 && published < 1600) {
      expect(bounded.hub.publish({ mutationField: 'sendMessage', result: { ...message('r-bound', published), content: body } })).toBe(2);
      expect(idOf(await fast.nextNonKa())).toBe(`m${published}`);
      published += 1;
    }
    expect(bounded.hub.size).toBe(1);
    // The fast reader goes on as before.
    for (let n = published; n < published + 5; n += 1) {
      expect(bounded.hub.publish({ mutationField: 'sendMessage', result: { ...message('r-bound', n), content: body } })).toBe(1);
      expect(idOf(await fast.nextNonKa())).toBe(`m${n}`);
    }
    slow.socket.resume();
    expect(await slow.closed).toEqual({ code: 1008, reason: 'Outbound buffer limit exceeded' });
    // What it had been sent before the close arrives in order, and nothing after the drop.
    const received = slow.buffered.filter((frame) => frame.type === 'data').map(idOf);
    expect(received.length).toBeLessThanOrEqual(published);
    expect(received).toEqual(Array.from({ length: received.length }, (_, n) => `m${n}`));
    await fast.close();
    await bounded.close();
  });

  it('a peer that completed the upgrade and never answers pings is cut off after the pong timeout', async () => {
    const pinging = await startTwin({ pingIntervalMs: 20, pongTimeoutMs: 50 });
    const silent = await RawWebSocket.open(pinging.port, '/graphql/realtime', ['graphql-ws', header({ Authorization: 'allow-ann' })]);
    silent.sendText(startFrame('quiet', ON_NEW_MESSAGE, { roomId: 'r-quiet' }));
    await silent.waitFor((frame) => frame.opcode === OPCODE.text && frame.payload.toString().includes('start_ack'));
    await silent.waitFor((frame) => frame.opcode === OPCODE.ping);
    await silent.ended;
    // Cut (terminated), not closed: a dead peer could not answer a close handshake.
    expect(silent.frames.filter((frame) => frame.opcode === OPCODE.close)).toEqual([]);
    expect(pinging.hub.size).toBe(0);
    await pinging.close();
  });

  it('a client that answers pings (every WebSocket client does) stays connected across them', async () => {
    const pinging = await startTwin({ pingIntervalMs: 20, pongTimeoutMs: 50 });
    const client = await FrameClient.connected(pinging.url);
    await subscribe(client, 'awake', 'r-awake');
    await new Promise<void>((resolve) => {
      let pings = 0;
      client.socket.on('ping', () => {
        pings += 1;
        if (pings === 5) resolve();
      });
    });
    expect(pinging.hub.publish({ mutationField: 'sendMessage', result: message('r-awake', 1) })).toBe(1);
    expect(idOf(await client.nextNonKa())).toBe('m1');
    await client.close();
    await pinging.close();
  });

  it('an authenticated socket that sends neither connection_init nor a start is closed with 1008 at the init timeout', async () => {
    const impatient = await startTwin({ connectionInitTimeoutMs: 50 });
    const idle = await RawWebSocket.open(impatient.port, '/graphql/realtime', ['graphql-ws', header({ Authorization: 'allow-ann' })]);
    expect(closeOf(await idle.waitFor((frame) => frame.opcode === OPCODE.close))).toEqual({ code: 1008, reason: 'Connection initialisation timeout' });
    expect(idle.messages).toEqual([]);
    idle.socket.destroy();
    await impatient.close();
  });

  it.each<[string, string[]]>([
    ['a refused token', ['graphql-ws', header({ Authorization: 'deny', host: 'h' })]],
    ['no header at all', ['graphql-ws']],
    ['an undecodable header', ['graphql-ws', 'header-not_base64_json']],
  ])('%s without any frame sent: connection_error 401 and close at once, nothing registered', async (_case, protocols) => {
    const [starts, subscriptions] = [twin.backend.starts.length, twin.hub.size];
    const refused = await RawWebSocket.open(twin.port, '/graphql/realtime', protocols);
    expect(closeOf(await refused.waitFor((frame) => frame.opcode === OPCODE.close))).toEqual({ code: 1000, reason: 'UnauthorizedException' });
    expect(refused.messages).toEqual([unauthorizedConnectionError]);
    refused.socket.destroy();
    expect([twin.backend.starts.length, twin.hub.size]).toEqual([starts, subscriptions]);
  });
});

describe('timing and shutdown', () => {
  let timed: TestTwin;
  beforeAll(async () => {
    timed = await startTwin({ keepAliveIntervalMs: 25, connectionLifetimeMs: 400 });
  });
  afterAll(async () => {
    await timed.close();
  });

  it('sends ka right after the ack and then periodically', async () => {
    const client = await FrameClient.open(timed.url, ['graphql-ws', `header-${Buffer.from('{"Authorization":"allow-ann"}').toString('base64url')}`]);
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(await client.next()).toEqual({ type: 'ka' });
    expect(await client.next()).toEqual({ type: 'ka' });
    expect(await client.next()).toEqual({ type: 'ka' });
    await client.close();
  });

  it('closes a connection at the end of its lifetime and forgets its subscriptions', async () => {
    const client = await FrameClient.connected(timed.url);
    client.send(startFrame('life', ON_NEW_MESSAGE, { roomId: 'r-life' }));
    expect(await client.nextNonKa()).toEqual({ type: 'start_ack', id: 'life' });
    expect(timed.hub.size).toBe(1);
    expect(await client.closed).toEqual({ code: 1000, reason: 'Connection lifetime exceeded' });
    expect(timed.hub.size).toBe(0);
  });

  it('close() closes every open socket with 1001 and resolves when they are gone', async () => {
    const other = await startTwin();
    const clients = await Promise.all([1, 2, 3].map(() => FrameClient.connected(other.url)));
    expect(other.realtime.connectionCount).toBe(3);
    await other.close();
    for (const client of clients) expect((await client.closed).code).toBe(1001);
    expect(other.realtime.connectionCount).toBe(0);
    await expect(FrameClient.open(other.url, 'graphql-ws')).rejects.toThrow();
  });
});
