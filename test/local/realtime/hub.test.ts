import type { PreparedSubscription, ProjectedSelection } from '../../../local/realtime/backend';
import { SubscriptionHub, type DataPayload, type SubscriberConnection } from '../../../local/realtime/hub';

/** Records what the hub hands a connection. */
class RecordingConnection implements SubscriberConnection {
  readonly delivered: Array<{ subscriptionId: string; payload: DataPayload }> = [];
  readonly invalidatedIds: string[] = [];
  constructor(readonly connectionId: string) {}
  deliver(subscriptionId: string, payload: DataPayload): void {
    this.delivered.push({ subscriptionId, payload });
  }
  invalidated(subscriptionId: string): void {
    this.invalidatedIds.push(subscriptionId);
  }
}

const messageFields = ['roomId', 'id', 'senderId', 'sender', 'content', 'createdAt', 'editedAt', 'deleted'];

function selectionOf(fields: string[], typeName = 'Message'): ProjectedSelection {
  return { typeName, fields: fields.map((name) => ({ responseKey: name, fieldName: name })) };
}

function prepared(overrides: Partial<PreparedSubscription> = {}): PreparedSubscription {
  return {
    fieldName: 'onNewMessage',
    triggerMutations: ['sendMessage'],
    argumentFilter: {},
    enhancedFilter: null,
    invalidationFilter: null,
    selection: selectionOf(messageFields),
    userKey: 'user-1',
    ...overrides,
  };
}

const fullMessage = {
  roomId: 'r1',
  id: 'm1',
  senderId: 'u1',
  sender: 'ann',
  content: 'hi',
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  deleted: false,
};

describe('argument filters', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, boolean]>([
    ['no arguments: every event', {}, fullMessage, true],
    ['equal argument', { roomId: 'r1' }, fullMessage, true],
    ['different argument', { roomId: 'r2' }, fullMessage, false],
    ['all arguments must match', { roomId: 'r1', senderId: 'u2' }, fullMessage, false],
    ['two matching arguments', { roomId: 'r1', senderId: 'u1' }, fullMessage, true],
    ['explicit null matches a null field', { editedAt: null }, fullMessage, true],
    ['explicit null does not match a value', { content: null }, fullMessage, false],
    ['a field the mutation did not select never matches', { roomId: 'r1' }, { id: 'm1', content: 'hi' }, false],
    ['explicit null and an unselected field', { editedAt: null }, { id: 'm1' }, false],
    ['compared with the result, not the mutation arguments', { content: 'hi' }, { ...fullMessage, content: 'other' }, false],
    ['strict types: "1" is not 1', { deleted: 'false' }, fullMessage, false],
  ])('%s', (_name, argumentFilter, result, expected) => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    expect(hub.add(connection, 's1', prepared({ argumentFilter }))).toEqual({ ok: true });
    expect(hub.publish({ mutationField: 'sendMessage', result })).toBe(expected ? 1 : 0);
    expect(connection.delivered.length).toBe(expected ? 1 : 0);
  });

  it('only the mutations named in @aws_subscribe trigger a subscription', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    hub.add(connection, 'changed', prepared({ fieldName: 'onMessageChanged', triggerMutations: ['editMessage', 'deleteMessage'] }));
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(0);
    expect(hub.publish({ mutationField: 'editMessage', result: fullMessage })).toBe(1);
    expect(hub.publish({ mutationField: 'deleteMessage', result: fullMessage })).toBe(1);
    expect(connection.delivered.map((d) => d.subscriptionId)).toEqual(['changed', 'changed']);
  });
});

describe('enhanced filters', () => {
  it('take precedence over argument filters (not combined)', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    hub.add(
      connection,
      's1',
      prepared({
        argumentFilter: { roomId: 'r2' },
        enhancedFilter: { filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: 'r1' }] }] },
      }),
    );
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(1);
    expect(hub.publish({ mutationField: 'sendMessage', result: { ...fullMessage, roomId: 'r2' } })).toBe(0);
  });

  it('see only what the mutation selected', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    hub.add(connection, 's1', prepared({ enhancedFilter: { filterGroup: [{ filters: [{ fieldName: 'senderId', operator: 'eq', value: 'u1' }] }] } }));
    const mutationSelection = selectionOf(['roomId', 'id', 'content']);
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage, mutationSelection })).toBe(0);
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(1);
  });

  it.each<[string, unknown]>([
    ['an unknown operator', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'regex', value: 'x' }] }] }],
    ['an empty filterGroup', { filterGroup: [] }],
  ])('a subscription filter with %s is refused and nothing is registered', (_name, enhancedFilter) => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    const result = hub.add(connection, 's1', prepared({ enhancedFilter: enhancedFilter as PreparedSubscription['enhancedFilter'] }));
    expect(result).toMatchObject({ ok: false, errorType: 'InvalidFilterError' });
    expect(hub.size).toBe(0);
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(0);
  });

  it('an invalid invalidation filter is refused too', () => {
    const hub = new SubscriptionHub();
    const result = hub.add(new RecordingConnection('c1'), 's1', prepared({ invalidationFilter: { filterGroup: [{ filters: [] }] } }));
    expect(result).toEqual({
      ok: false,
      errorType: 'InvalidFilterError',
      message: 'Invalid invalidation filter: filterGroup[0].filters must be a non-empty array',
    });
    expect(hub.size).toBe(0);
  });
});

describe('invalidation', () => {
  function memberFilter(roomId: string, userId: string) {
    return {
      filterGroup: [
        {
          filters: [
            { fieldName: 'roomId', operator: 'eq' as const, value: roomId },
            { fieldName: 'userId', operator: 'eq' as const, value: userId },
          ],
        },
      ],
    };
  }

  it('closes exactly the matching subscriptions on the named field', () => {
    const hub = new SubscriptionHub();
    const alice = new RecordingConnection('alice');
    const bob = new RecordingConnection('bob');
    hub.add(alice, 'a-new-r1', prepared({ invalidationFilter: memberFilter('r1', 'alice') }));
    hub.add(alice, 'a-new-r2', prepared({ invalidationFilter: memberFilter('r2', 'alice') }));
    hub.add(alice, 'a-changed-r1', prepared({ fieldName: 'onMessageChanged', triggerMutations: ['editMessage'], invalidationFilter: memberFilter('r1', 'alice') }));
    hub.add(alice, 'a-no-filter', prepared());
    hub.add(bob, 'b-new-r1', prepared({ invalidationFilter: memberFilter('r1', 'bob') }));

    expect(hub.invalidate({ subscriptionField: 'onNewMessage', payload: { roomId: 'r1', userId: 'alice' } })).toBe(1);
    expect(alice.invalidatedIds).toEqual(['a-new-r1']);
    expect(bob.invalidatedIds).toEqual([]);
    expect(hub.size).toBe(4);

    // The invalidated subscription receives nothing more; the others still do.
    hub.publish({ mutationField: 'sendMessage', result: fullMessage });
    expect(alice.delivered.map((d) => d.subscriptionId)).toEqual(['a-new-r2', 'a-no-filter']);
    expect(bob.delivered.map((d) => d.subscriptionId)).toEqual(['b-new-r1']);

    // Invalidating again finds nothing.
    expect(hub.invalidate({ subscriptionField: 'onNewMessage', payload: { roomId: 'r1', userId: 'alice' } })).toBe(0);
    expect(alice.invalidatedIds).toEqual(['a-new-r1']);
  });

  it('a payload that matches no invalidation filter closes nothing', () => {
    const hub = new SubscriptionHub();
    const alice = new RecordingConnection('alice');
    hub.add(alice, 's1', prepared({ invalidationFilter: memberFilter('r1', 'alice') }));
    expect(hub.invalidate({ subscriptionField: 'onNewMessage', payload: { roomId: 'r1' } })).toBe(0);
    expect(hub.invalidate({ subscriptionField: 'onMessageChanged', payload: { roomId: 'r1', userId: 'alice' } })).toBe(0);
    expect(alice.invalidatedIds).toEqual([]);
    expect(hub.size).toBe(1);
  });
});

describe('selection subsetting', () => {
  it('the subscriber gets its own fields; what the mutation did not select is null', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    const selection: ProjectedSelection = {
      typeName: 'Message',
      fields: [
        { responseKey: 'id', fieldName: 'id' },
        { responseKey: 'text', fieldName: 'content' },
        { responseKey: 'sender', fieldName: 'sender' },
        { responseKey: '__typename', fieldName: '__typename' },
      ],
    };
    hub.add(connection, 's1', prepared({ responseKey: 'msg', selection }));
    hub.publish({
      mutationField: 'sendMessage',
      result: fullMessage,
      mutationSelection: selectionOf(['roomId', 'id', 'content', 'senderId']),
    });
    expect(connection.delivered).toEqual([
      { subscriptionId: 's1', payload: { data: { msg: { id: 'm1', text: 'hi', sender: null, __typename: 'Message' } } } },
    ]);
  });

  it('nested selections are projected, lists element by element', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    const author: ProjectedSelection = { typeName: 'Author', fields: [{ responseKey: 'name', fieldName: 'name' }] };
    hub.add(
      connection,
      's1',
      prepared({
        selection: {
          typeName: 'Message',
          fields: [
            { responseKey: 'id', fieldName: 'id' },
            { responseKey: 'author', fieldName: 'author', selection: author },
            { responseKey: 'readers', fieldName: 'readers', selection: author },
          ],
        },
      }),
    );
    hub.publish({
      mutationField: 'sendMessage',
      result: { id: 'm1', author: { name: 'ann', secret: 's' }, readers: [{ name: 'bo', secret: 1 }, { secret: 2 }] },
    });
    expect(connection.delivered[0].payload).toEqual({
      data: { onNewMessage: { id: 'm1', author: { name: 'ann' }, readers: [{ name: 'bo' }, { name: null }] } },
    });
  });
});

describe('selection subsetting with aliases named like Object.prototype members', () => {
  it('a subscriber aliasing fields __proto__ and constructor gets them as its own keys', () => {
    const hub = new SubscriptionHub();
    const connection = new RecordingConnection('c1');
    const selection: ProjectedSelection = {
      typeName: 'Message',
      fields: [
        { responseKey: '__proto__', fieldName: 'content' },
        { responseKey: 'constructor', fieldName: 'sender' },
        { responseKey: 'hasOwnProperty', fieldName: 'id' },
      ],
    };
    hub.add(connection, 's1', prepared({ selection }));
    hub.publish({ mutationField: 'sendMessage', result: fullMessage });
    // What goes on the wire: each alias a key, as for any other alias (GraphQL allows these names).
    expect(JSON.stringify(connection.delivered[0]?.payload)).toBe('{"data":{"onNewMessage":{"__proto__":"hi","constructor":"ann","hasOwnProperty":"m1"}}}');
  });
});

describe('registry', () => {
  it('remove and removeConnection stop deliveries', () => {
    const hub = new SubscriptionHub();
    const one = new RecordingConnection('one');
    const two = new RecordingConnection('two');
    hub.add(one, 'a', prepared());
    hub.add(one, 'b', prepared());
    hub.add(two, 'a', prepared());
    expect(hub.size).toBe(3);
    expect(hub.remove(one, 'a')).toBe(true);
    expect(hub.remove(one, 'a')).toBe(false);
    hub.removeConnection(two);
    expect(hub.size).toBe(1);
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(1);
    expect(one.delivered.map((d) => d.subscriptionId)).toEqual(['b']);
    expect(two.delivered).toEqual([]);
  });

  it('a connection that throws does not stop the fan-out', () => {
    const hub = new SubscriptionHub();
    const broken: SubscriberConnection = {
      connectionId: 'broken',
      deliver: () => {
        throw new Error('socket gone');
      },
      invalidated: () => undefined,
    };
    const healthy = new RecordingConnection('healthy');
    hub.add(broken, 's', prepared());
    hub.add(healthy, 's', prepared());
    expect(hub.publish({ mutationField: 'sendMessage', result: fullMessage })).toBe(1);
    expect(healthy.delivered).toHaveLength(1);
  });
});

describe('selections and filters shared between subscriptions', () => {
  const roomFilter = (roomId: string) => ({ filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: roomId }] }] });

  it('each room receives its own messages when many subscriptions share one filter instance', () => {
    const hub = new SubscriptionHub();
    const connections = Array.from({ length: 6 }, (_, i) => new RecordingConnection(`c${i}`));
    // Built separately, as each start's resolver makes them: r1 three times, r2 twice, r3 once.
    ['r1', 'r1', 'r2', 'r1', 'r2', 'r3'].forEach((roomId, i) => hub.add(connections[i], 's', prepared({ enhancedFilter: roomFilter(roomId) as never })));
    expect(hub.sharedValues).toEqual({ selections: 1, filters: 3 });
    expect(hub.publish({ mutationField: 'sendMessage', result: { ...fullMessage, roomId: 'r2' } })).toBe(2);
    expect(hub.publish({ mutationField: 'sendMessage', result: { ...fullMessage, roomId: 'r1' } })).toBe(3);
    expect(connections.map((c) => c.delivered.map((d) => (d.payload.data.onNewMessage as { roomId: string }).roomId))).toEqual([['r1'], ['r1'], ['r2'], ['r1'], ['r2'], []]);
  });

  it('drops a shared value with its last subscription, however the subscriptions end', () => {
    const hub = new SubscriptionHub();
    const [a, b] = [new RecordingConnection('a'), new RecordingConnection('b')];
    hub.add(a, 's1', prepared({ enhancedFilter: roomFilter('r1') as never }));
    hub.add(a, 's2', prepared({ enhancedFilter: roomFilter('r2') as never }));
    hub.add(b, 's1', prepared({ enhancedFilter: roomFilter('r1') as never, selection: selectionOf(['id']) }));
    expect(hub.sharedValues).toEqual({ selections: 2, filters: 2 });
    // The same id again replaces the subscription: its old values are released once.
    hub.add(a, 's2', prepared({ enhancedFilter: roomFilter('r3') as never }));
    expect(hub.sharedValues).toEqual({ selections: 2, filters: 2 });
    expect(hub.remove(b, 's1')).toBe(true);
    expect(hub.remove(b, 's1')).toBe(false);
    expect(hub.sharedValues).toEqual({ selections: 1, filters: 2 });
    hub.removeConnection(a);
    hub.removeConnection(a);
    expect(hub.sharedValues).toEqual({ selections: 0, filters: 0 });
    expect(hub.size).toBe(0);
  });
});
