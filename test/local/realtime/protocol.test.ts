import { silentLogger } from '../../../local/realtime/backend';
import { SubscriptionHub } from '../../../local/realtime/hub';
import { RealtimeConnection, type ConnectionTransport, type Timers } from '../../../local/realtime/protocol';
import { FakeBackend, ON_NEW_MESSAGE, startFrame } from './support/fake-backend';

/** Timers that only fire when the test says so. */
class ManualTimers implements Timers {
  private nextHandle = 1;
  readonly pending = new Map<number, { kind: 'timeout' | 'interval'; ms: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    this.pending.set(this.nextHandle, { kind: 'timeout', ms, callback });
    return this.nextHandle++;
  }
  setInterval(callback: () => void, ms: number): unknown {
    this.pending.set(this.nextHandle, { kind: 'interval', ms, callback });
    return this.nextHandle++;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  clearInterval(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every timer of a kind; timeouts are then gone. */
  fire(kind: 'timeout' | 'interval'): void {
    for (const [handle, timer] of [...this.pending]) {
      if (timer.kind !== kind) continue;
      if (kind === 'timeout') this.pending.delete(handle);
      timer.callback();
    }
  }
  scheduled(kind: 'timeout' | 'interval'): number[] {
    return [...this.pending.values()].filter((timer) => timer.kind === kind).map((timer) => timer.ms);
  }
}

class RecordingTransport implements ConnectionTransport {
  readonly sent: unknown[] = [];
  closedWith: { code: number; reason: string } | null = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

function setup(header: Record<string, unknown> = { Authorization: 'allow-ann' }) {
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
  });
  return { timers, transport, backend, hub, connection, warnings };
}

const message = { roomId: 'r1', id: 'm1', content: 'hi', sender: 'ann' };

describe('RealtimeConnection', () => {
  it('acks with connectionTimeoutMs 300000, sends a ka at once, then one per 60 s interval', async () => {
    const { timers, transport, connection } = setup();
    expect(timers.scheduled('timeout')).toEqual([24 * 60 * 60 * 1000]);
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
});
