// The delivery checks of the end-to-end benchmark (bench/e2e/analyse-run.ts) on hand-made
// records whose right answer follows from the definitions: lost = an acknowledged message a
// subscription of its room did not get; duplicated = got twice; out of order = two messages of
// one sender, the second sent after the first was answered, got the other way round;
// unexpected = a frame of another room or of a send that was not acknowledged.
import { analyseRun } from '../../bench/e2e/analyse-run';
import type { SendRecord, SenderReply, SubscriptionRecord } from '../../bench/e2e/protocol';

const ROOM = 'room-a';
const OTHER = 'room-b';

/** a: sent 0, answered 10; b: sent 20 (after a's answer), answered 30; c: sent 5 (before a's answer), answered 40. */
const A: SendRecord = { clientMessageId: 'm0-0', roomId: ROOM, sentAtMs: 0, ackAtMs: 10 };
const B: SendRecord = { clientMessageId: 'm0-1', roomId: ROOM, sentAtMs: 20, ackAtMs: 30 };
const OVERLAPPING: SendRecord = { clientMessageId: 'm0-1', roomId: ROOM, sentAtMs: 5, ackAtMs: 40 };
const REFUSED: SendRecord = { clientMessageId: 'm1-0', roomId: ROOM, sentAtMs: 0, ackAtMs: null, error: '400 refused' };
const IN_OTHER_ROOM: SendRecord = { clientMessageId: 'm2-0', roomId: OTHER, sentAtMs: 0, ackAtMs: 10 };

const sent = (sends: SendRecord[]): SenderReply => ({ type: 'result', sends, startedAtMs: 0, endedAtMs: 1000, skipped: 0 });
const subscription = (ids: string[]): SubscriptionRecord => ({ subscriptionId: 's1', roomId: ROOM, clientMessageIds: ids, latenciesMs: ids.map(() => 5) });

describe('analyseRun', () => {
  it.each([
    ['every message once, in order', [A, B], ['m0-0', 'm0-1'], { deliveries: 2, lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 0 }],
    ['one acknowledged message missing', [A, B], ['m0-0'], { deliveries: 1, lost: 1, duplicated: 0, outOfOrder: 0, unexpected: 0 }],
    ['one message twice', [A, B], ['m0-0', 'm0-1', 'm0-0'], { deliveries: 2, lost: 0, duplicated: 1, outOfOrder: 0, unexpected: 0 }],
    ['the later of two ordered sends first', [A, B], ['m0-1', 'm0-0'], { deliveries: 2, lost: 0, duplicated: 0, outOfOrder: 1, unexpected: 0 }],
    ['two overlapping sends either way round', [A, OVERLAPPING], ['m0-1', 'm0-0'], { deliveries: 2, lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 0 }],
    ['a refused send delivered anyway', [A, REFUSED], ['m0-0', 'm1-0'], { deliveries: 1, lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 1 }],
    ['a refused send not delivered', [A, REFUSED], ['m0-0'], { deliveries: 1, lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 0 }],
    ["another room's message", [A, IN_OTHER_ROOM], ['m0-0', 'm2-0'], { deliveries: 1, lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 1 }],
  ])('%s', (_name, sends, received, expected) => {
    expect(analyseRun(sent(sends), [subscription(received)], 1000)).toMatchObject(expected);
  });

  it('counts accepted and refused sends and rates over the window', () => {
    const figures = analyseRun(sent([A, B, REFUSED]), [subscription(['m0-0', 'm0-1'])], 500);
    // 2 accepted in the 1 s of sending; 2 deliveries by 0.5 s after the start.
    expect(figures).toMatchObject({ sent: 3, accepted: 2, refused: 1, acceptedPerSecond: 2, deliveriesPerSecond: 4, firstRefusal: '400 refused' });
  });

  it('counts 429 answers (the overload policy) apart from other refusals, and never as accepted', () => {
    const throttled: SendRecord = { clientMessageId: 'm3-0', roomId: ROOM, sentAtMs: 0, ackAtMs: null, status: 429, error: '429 TooManyRequestsException' };
    const broken: SendRecord = { clientMessageId: 'm3-1', roomId: ROOM, sentAtMs: 0, ackAtMs: null, error: 'read ECONNRESET' };
    const figures = analyseRun(sent([A, throttled, broken]), [subscription(['m0-0'])], 1000);
    expect(figures).toMatchObject({ sent: 3, accepted: 1, refused: 2, throttled: 1, lost: 0, unexpected: 0 });
  });

  it('takes latencies from the first arrival of expected deliveries only', () => {
    const record: SubscriptionRecord = { subscriptionId: 's1', roomId: ROOM, clientMessageIds: ['m0-0', 'm2-0', 'm0-0'], latenciesMs: [3, 500, 900] };
    expect(analyseRun(sent([A, IN_OTHER_ROOM]), [record], 1000).latencyMs).toEqual({ p50: 3, p95: 3, p99: 3, max: 3 });
  });
});
