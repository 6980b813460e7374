// One payload per distinct selection in a publish: subscribers whose selection and response key
// are equal share the payload object (so it is projected and serialised once); any difference in
// what a frame carries gives a payload of its own. Frames through real sockets are unchanged.
import type { PreparedSubscription, ProjectedSelection } from '../../../local/realtime/backend';
import { SubscriptionHub, type DataPayload, type SubscriberConnection } from '../../../local/realtime/hub';
import { serializePayload } from '../../../local/realtime/payload-json';

class RecordingConnection implements SubscriberConnection {
  readonly delivered: Array<{ subscriptionId: string; payload: DataPayload }> = [];
  constructor(readonly connectionId: string) {}
  deliver(subscriptionId: string, payload: DataPayload): void {
    this.delivered.push({ subscriptionId, payload });
  }
  invalidated(): void {}
}

function selectionOf(fields: Array<[responseKey: string, fieldName: string]>): ProjectedSelection {
  return { typeName: 'Message', fields: fields.map(([responseKey, fieldName]) => ({ responseKey, fieldName })) };
}

function prepared(selection: ProjectedSelection, responseKey?: string): PreparedSubscription {
  return {
    fieldName: 'onNewMessage',
    responseKey,
    triggerMutations: ['sendMessage'],
    argumentFilter: { roomId: 'r1' },
    enhancedFilter: null,
    invalidationFilter: null,
    selection,
    userKey: 'user-1',
  };
}

const message = { roomId: 'r1', id: 'm1', content: 'hi', sender: 'ann' };
const idAndContent = (): ProjectedSelection => selectionOf([['id', 'id'], ['content', 'content']]);

function publishTo(subscriptions: PreparedSubscription[]): DataPayload[] {
  const hub = new SubscriptionHub();
  const connections = subscriptions.map((_, i) => new RecordingConnection(`c${i}`));
  subscriptions.forEach((subscription, i) => expect(hub.add(connections[i], `s${i}`, subscription)).toEqual({ ok: true }));
  expect(hub.publish({ mutationField: 'sendMessage', result: message })).toBe(subscriptions.length);
  return connections.map((c) => c.delivered[0].payload);
}

describe('payloads shared per selection', () => {
  it('hands one payload object to subscribers with equal selections (built separately)', () => {
    const [a, b, c] = publishTo([prepared(idAndContent()), prepared(idAndContent()), prepared(idAndContent())]);
    expect(a).toEqual({ data: { onNewMessage: { id: 'm1', content: 'hi' } } });
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it.each<[string, PreparedSubscription, DataPayload]>([
    ['another field', prepared(selectionOf([['id', 'id'], ['sender', 'sender']])), { data: { onNewMessage: { id: 'm1', sender: 'ann' } } }],
    ['another order', prepared(selectionOf([['content', 'content'], ['id', 'id']])), { data: { onNewMessage: { content: 'hi', id: 'm1' } } }],
    ['an alias', prepared(selectionOf([['id', 'id'], ['text', 'content']])), { data: { onNewMessage: { id: 'm1', text: 'hi' } } }],
    ['an aliased root field', prepared(idAndContent(), 'live'), { data: { live: { id: 'm1', content: 'hi' } } }],
  ])('gives a subscriber with %s its own payload', (_name, other, expected) => {
    const [first, second] = publishTo([prepared(idAndContent()), other]);
    expect(second).not.toBe(first);
    expect(second).toEqual(expected);
    expect(JSON.stringify(second)).toBe(JSON.stringify(expected));
    expect(first).toEqual({ data: { onNewMessage: { id: 'm1', content: 'hi' } } });
  });

  it('serialises a payload once and reports its size in UTF-8 bytes', () => {
    const payload: DataPayload = { data: { onNewMessage: { content: 'héllo ✓' } } };
    const first = serializePayload(payload);
    expect(first).toEqual({ json: '{"data":{"onNewMessage":{"content":"héllo ✓"}}}', bytes: 50 });
    expect(serializePayload(payload)).toBe(first);
    expect(serializePayload({ data: { onNewMessage: { content: 'héllo ✓' } } })).not.toBe(first);
  });
});
