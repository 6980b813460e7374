import { silentLogger } from '../../../local/realtime/backend';
import { SubscriptionHub } from '../../../local/realtime/hub';
import { APPSYNC_LIMITS } from '../../../local/realtime/limits';
import type { RealtimeLimits } from '../../../local/realtime/limits';
import { RealtimeConnection, type ConnectionTransport } from '../../../local/realtime/protocol';
import { FakeBackend, ON_NEW_MESSAGE, startFrame } from './support/fake-backend';
import { ManualTimers } from './support/manual-timers';

class RecordingTransport implements ConnectionTransport {
  readonly sent: unknown[] = [];
  /** The frames as sent, byte for byte. */
  readonly texts: string[] = [];
  closedWith: { code: number; reason: string } | null = null;
  /** What the socket would still hold; a test sets it to stand for a client that stopped reading. */
  queuedBytes = 0;
  send(text: string): void {
    this.texts.push(text);
    this.sent.push(JSON.parse(text));
  }
  bufferedBytes(): number {
    return this.queuedBytes;
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

function setup(header: Record<string, unknown> = { Authorization: 'allow-ann' }, limits?: Partial<RealtimeLimits>) {
  const warnings: Array<{ obj: object; msg?: string }> = [];
  const logger = { ...silentLogger, warn: (obj: object, msg?: string) => warnings.push({ obj, msg }) };
  const timers = new ManualTimers();
  const transport = new RecordingTransport();
  const backend = new FakeBackend();
  const hub = new SubscriptionHub();
  const connection = new RealtimeConnection({
    connectionId: 'c1',
    transport,
    backend,
    hub,
    header,
    sourceIp: '127.0.0.1',
    timers,
    logger,
    limits,
  });
  return { timers, transport, backend, hub, connection, warnings };
}

const message = { roomId: 'r1', id: 'm1', content: 'hi', sender: 'ann' };

describe('RealtimeConnection', () => {
  it('acks with connectionTimeoutMs 300000, sends a ka at once, then one per 60 s interval', async () => {
    const { timers, transport, connection } = setup();
    // The 24 h lifetime, and the 15 s connection_init timeout until the client initialises.
    expect(timers.scheduled('timeout')).toEqual([24 * 60 * 60 * 1000, 15000]);
    await connection.receive('{"type":"connection_init"}');
    expect(transport.sent).toEqual([{ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } }, { type: 'ka' }]);
    expect(timers.scheduled('interval')).toEqual([60000]);
    timers.fire('interval');
    timers.fire('interval');
    expect(transport.sent.slice(2)).toEqual([{ type: 'ka' }, { type: 'ka' }]);
  });

  it('a second connection_init is acked again without a second keep-alive timer', async () => {
    const { timers, transport, connection } = setup();
    await connection.receive('{"type":"connection_init"}');
    await connection.receive('{"type":"connection_init"}');
    expect(transport.sent).toEqual([
      { type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } },
      { type: 'ka' },
      { type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } },
    ]);
    expect(timers.scheduled('interval')).toEqual([60000]);
  });

  it('closes the connection after its 24 h lifetime and drops its subscriptions', async () => {
    const { timers, transport, hub, connection } = setup();
    await connection.receive('{"type":"connection_init"}');
    await connection.receive(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    expect(hub.size).toBe(1);
    timers.fire('timeout');
    expect(transport.closedWith).toEqual({ code: 1000, reason: 'Connection lifetime exceeded' });
    expect(hub.size).toBe(0);
    expect(timers.pending.size).toBe(0);
    expect(connection.isOpen).toBe(false);
    const sentBefore = transport.sent.length;
    await connection.receive('{"type":"connection_init"}');
    expect(transport.sent.length).toBe(sentBefore);
  });

  it('delivers a 240 KB payload and drops one a byte larger', async () => {
    const { transport, hub, connection, warnings } = setup();
    await connection.receive(startFrame('s1', 'subscription { onNewMessage { content } }'));
    expect(transport.sent).toEqual([{ type: 'start_ack', id: 's1' }]);
    const overhead = JSON.stringify({ data: { onNewMessage: { content: '' } } }).length;
    const atLimit = 'a'.repeat(240 * 1024 - overhead);
    expect(hub.publish({ mutationField: 'sendMessage', result: { content: `${atLimit}b` } })).toBe(1);
    expect(hub.publish({ mutationField: 'sendMessage', result: { content: atLimit } })).toBe(1);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toEqual({ type: 'data', id: 's1', payload: { data: { onNewMessage: { content: atLimit } } } });
    expect(warnings).toEqual([
      {
        obj: { connectionId: 'c1', subscriptionId: 's1', bytes: 240 * 1024 + 1, limit: 240 * 1024 },
        msg: 'realtime payload over the size limit was not delivered',
      },
    ]);
  });

  it('a stop while the backend prepares the start answers complete and never starts it', async () => {
    const { transport, backend, hub, connection } = setup();
    let open: () => void = () => undefined;
    backend.startGate = new Promise<void>((resolve) => (open = resolve));
    const starting = connection.receive(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    await connection.receive('{"type":"stop","id":"s1"}');
    open();
    await starting;
    expect(transport.sent).toEqual([{ type: 'complete', id: 's1' }]);
    expect(hub.size).toBe(0);
    expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(0);
  });

  it('a backend that throws on start gives an InternalFailure error for that id only', async () => {
    const { transport, backend, connection } = setup();
    backend.startSubscription = async () => {
      throw new Error('boom');
    };
    await connection.receive(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    expect(transport.sent).toEqual([
      { type: 'error', id: 's1', payload: { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] } },
    ]);
    expect(connection.subscriptionCount).toBe(0);
    expect(transport.closedWith).toBeNull();
  });

  it('a backend that throws on authentication refuses the connection as unauthorized', async () => {
    const { transport, backend, connection } = setup();
    backend.authenticateConnection = async () => {
      throw new Error('jwks unreachable');
    };
    // The connection authenticates when it is created, so replace the backend before that.
    const late = new RealtimeConnection({
      connectionId: 'c2',
      transport,
      backend,
      hub: new SubscriptionHub(),
      header: {},
      sourceIp: '127.0.0.1',
      timers: new ManualTimers(),
    });
    connection.closed();
    await late.receive('{"type":"connection_init"}');
    expect(transport.sent).toEqual([
      {
        type: 'connection_error',
        payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
      },
    ]);
    expect(transport.closedWith).toEqual({ code: 1000, reason: 'UnauthorizedException' });
  });

  it('a start before connection_init is served (connection_init is optional on AWS)', async () => {
    const { transport, connection } = setup();
    await connection.receive(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    expect(transport.sent).toEqual([{ type: 'start_ack', id: 's1' }]);
  });

  describe('start rate limit (LimitExceededError)', () => {
    const rateLimited = (id: string) =>
      `{"type":"error","id":${JSON.stringify(id)},"payload":{"errors":[{"errorType":"LimitExceededError","message":"Rate limit exceeded"}]}}`;
    const start = (id: string, roomId = 'r1') => startFrame(id, ON_NEW_MESSAGE, { roomId });

    it('once the burst is spent a start gets exactly the LimitExceededError frame with its id; the connection stays open', async () => {
      const { transport, backend, hub, connection, warnings } = setup(undefined, { startBurst: 3, startsPerSecond: 2 });
      for (const id of ['s1', 's2', 's3']) await connection.receive(start(id));
      await connection.receive(start('s4'));
      expect(transport.texts).toEqual([
        '{"type":"start_ack","id":"s1"}',
        '{"type":"start_ack","id":"s2"}',
        '{"type":"start_ack","id":"s3"}',
        rateLimited('s4'),
      ]);
      // The refused start never reached the backend and holds no slot.
      expect(backend.starts.map((input) => input.id)).toEqual(['s1', 's2', 's3']);
      expect(connection.subscriptionCount).toBe(3);
      expect(transport.closedWith).toBeNull();
      expect(connection.isOpen).toBe(true);
      expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(3);
      expect(warnings).toEqual([{ obj: { connectionId: 'c1', subscriptionId: 's4' }, msg: 'realtime start over the rate limit' }]);
    });

    it('tokens refill at startsPerSecond on the clock, up to the burst and no further', async () => {
      const { timers, transport, connection } = setup(undefined, { startBurst: 3, startsPerSecond: 2 });
      for (const id of ['s1', 's2', 's3']) await connection.receive(start(id));
      await connection.receive(start('s4'));
      expect(transport.texts.at(-1)).toBe(rateLimited('s4'));
      // 2 a second: one token every 500 ms.
      timers.advance(499);
      await connection.receive(start('s4'));
      expect(transport.texts.at(-1)).toBe(rateLimited('s4'));
      timers.advance(1);
      // The refused id was never registered, so it is not a duplicate now.
      await connection.receive(start('s4'));
      expect(transport.texts.at(-1)).toBe('{"type":"start_ack","id":"s4"}');
      await connection.receive(start('s5'));
      expect(transport.texts.at(-1)).toBe(rateLimited('s5'));
      // An hour idle refills the bucket to the burst, not beyond.
      timers.advance(60 * 60 * 1000);
      for (const id of ['s5', 's6', 's7', 's8']) await connection.receive(start(id));
      expect(transport.texts.slice(-4)).toEqual([
        '{"type":"start_ack","id":"s5"}',
        '{"type":"start_ack","id":"s6"}',
        '{"type":"start_ack","id":"s7"}',
        rateLimited('s8'),
      ]);
      expect(connection.subscriptionCount).toBe(7);
    });

    it('stops, connection_init and refused frames take no tokens; every well-formed start does', async () => {
      const { transport, connection } = setup(undefined, { startBurst: 2, startsPerSecond: 0 });
      await connection.receive('{"type":"connection_init"}');
      await connection.receive(start('s1'));
      for (let i = 0; i < 20; i += 1) {
        await connection.receive('{"type":"stop","id":"s1"}');
        await connection.receive('{"type":"stop","id":"never-started"}');
        await connection.receive('{"type":"connection_init"}');
        await connection.receive('not json');
        await connection.receive(startFrame('bad', '{ getRoom { id } }'));
      }
      transport.texts.length = 0;
      await connection.receive(start('s2'));
      await connection.receive(start('s3'));
      expect(transport.texts).toEqual(['{"type":"start_ack","id":"s2"}', rateLimited('s3')]);
    });

    it('a start refused as a duplicate took the last token: the next start is rate-limited', async () => {
      const { transport, connection } = setup(undefined, { startBurst: 2, startsPerSecond: 0 });
      await connection.receive(start('s1'));
      await connection.receive(start('s1'));
      await connection.receive(start('s2'));
      expect(transport.sent).toEqual([
        { type: 'start_ack', id: 's1' },
        { type: 'error', id: 's1', payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id s1' }] } },
        JSON.parse(rateLimited('s2')),
      ]);
    });

    it('defaults (UNVERIFIED in APPSYNC_LIMITS): a burst of 200 starts, then 20 a second', async () => {
      expect(APPSYNC_LIMITS).toMatchObject({ startBurst: 200, startsPerSecond: 20 });
      const { timers, transport, connection } = setup();
      // Back to back, without the clock moving: fill all 100 subscriptions, replace them all once.
      for (let i = 0; i < 100; i += 1) await connection.receive(start(`a${i}`));
      for (let i = 0; i < 100; i += 1) await connection.receive(`{"type":"stop","id":"a${i}"}`);
      for (let i = 0; i < 100; i += 1) await connection.receive(start(`b${i}`));
      expect(transport.texts.filter((text) => text.startsWith('{"type":"start_ack"'))).toHaveLength(200);
      await connection.receive('{"type":"stop","id":"b0"}');
      await connection.receive(start('c1'));
      expect(transport.texts.at(-1)).toBe(rateLimited('c1'));
      timers.advance(49);
      await connection.receive(start('c1'));
      expect(transport.texts.at(-1)).toBe(rateLimited('c1'));
      timers.advance(1);
      await connection.receive(start('c1'));
      expect(transport.texts.at(-1)).toBe('{"type":"start_ack","id":"c1"}');
    });
  });
});

describe('bounds on an idle or slow client', () => {
  const connectionError = {
    type: 'connection_error',
    payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
  };

  it.each<[string, Record<string, unknown>]>([
    ['a refused token', { Authorization: 'deny' }],
    ['no header at all', {}],
  ])('%s is answered connection_error and closed at once, before any frame arrives', async (_case, header) => {
    const { transport, hub, timers } = setup(header);
    await new Promise(setImmediate);
    expect(transport.sent).toEqual([connectionError]);
    expect(transport.closedWith).toEqual({ code: 1000, reason: 'UnauthorizedException' });
    expect(hub.size).toBe(0);
    expect(timers.pending.size).toBe(0);
  });

  it('a connection that neither initialises nor starts is closed with 1008 at the 15 s init timeout', () => {
    const { timers, transport, connection } = setup();
    timers.fire('timeout', 15000);
    expect(transport.closedWith).toEqual({ code: 1008, reason: 'Connection initialisation timeout' });
    expect(transport.sent).toEqual([]);
    expect(connection.isOpen).toBe(false);
    expect(timers.pending.size).toBe(0);
  });

  it.each<[string, string]>([
    ['connection_init', '{"type":"connection_init"}'],
    ['an accepted start (connection_init is optional)', startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' })],
  ])('%s ends the init timeout', async (_case, frame) => {
    const { timers, connection } = setup();
    await connection.receive(frame);
    expect(timers.scheduled('timeout')).toEqual([24 * 60 * 60 * 1000]);
  });

  it('a refused start does not end the init timeout', async () => {
    const { timers, transport, connection } = setup();
    await connection.receive(startFrame('s1', 'subscription { onNothing { id } }'));
    expect(transport.sent[0]).toMatchObject({ type: 'error', id: 's1' });
    expect(timers.scheduled('timeout')).toEqual([24 * 60 * 60 * 1000, 15000]);
  });

  it('defaults (UNVERIFIED in APPSYNC_LIMITS): 2 MiB outbound buffer, 15 s init timeout, ping every 30 s, pong within 10 s', () => {
    expect(APPSYNC_LIMITS).toMatchObject({
      maxOutboundBufferBytes: 2 * 1024 * 1024,
      connectionInitTimeoutMs: 15000,
      pingIntervalMs: 30000,
      pongTimeoutMs: 10000,
    });
  });

  it('a delivery that leaves more than maxOutboundBufferBytes queued closes the connection with 1008', async () => {
    const { transport, hub, connection, warnings } = setup(undefined, { maxOutboundBufferBytes: 1000 });
    await connection.receive(startFrame('s1', ON_NEW_MESSAGE, { roomId: 'r1' }));
    transport.queuedBytes = 1000;
    expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(1);
    expect(transport.closedWith).toBeNull();
    transport.queuedBytes = 1001;
    expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(1);
    expect(transport.closedWith).toEqual({ code: 1008, reason: 'Outbound buffer limit exceeded' });
    expect(warnings.at(-1)).toEqual({
      obj: { connectionId: 'c1', queuedBytes: 1001, limit: 1000 },
      msg: 'realtime connection closed: outbound buffer limit exceeded',
    });
    expect(hub.size).toBe(0);
    const sent = transport.sent.length;
    expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(0);
    await connection.receive('{"type":"connection_init"}');
    expect(transport.sent).toHaveLength(sent);
  });

  it('any frame counts: a ka past the limit closes the connection too', async () => {
    const { timers, transport, connection } = setup(undefined, { maxOutboundBufferBytes: 1000 });
    await connection.receive('{"type":"connection_init"}');
    transport.queuedBytes = 5000;
    timers.fire('interval');
    expect(transport.closedWith).toEqual({ code: 1008, reason: 'Outbound buffer limit exceeded' });
    expect(timers.pending.size).toBe(0);
  });
});
