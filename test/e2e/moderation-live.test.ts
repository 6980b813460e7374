// Moderation (issue 13) as subscribers see it, over raw realtime connections to a started twin:
// an Admin's onReport hears of a report the workflow records, a member's onMessageChanged sees
// the message an Admin removed with deleted: true, and a non-Admin cannot start onReport.
// Expected values come from the contract (schema/schema.graphql, README "Moderation").
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import type { RealtimeClient } from './support/raw-clients';
import { connect, createRoom, joinRoom, must, refusal, sendMessage, signInUsers, subscribe, type SignedIn } from './support/feature-users';

const REPORT_FIELDS = 'id roomId messageId reporterId reason status createdAt decidedBy note decidedAt';
const REPORT = `mutation($r: ID!, $m: ID!, $why: String!) { reportMessage(roomId: $r, messageId: $m, reason: $why) { ${REPORT_FIELDS} } }`;
const RESOLVE = 'mutation($id: ID!, $d: ReportDecision!, $n: String) { resolveReport(reportId: $id, decision: $d, note: $n) { id status } }';
const ON_REPORT = `subscription { onReport { ${REPORT_FIELDS} } }`;
const ON_CHANGED = 'subscription($roomId: ID!) { onMessageChanged(roomId: $roomId) { roomId id senderId content deleted } }';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let twin: Twin;
let users: Record<string, SignedIn>;
const open: RealtimeClient[] = [];

beforeAll(async () => {
  // The default decision timeout (7 days): nothing closes on its own during the test.
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  users = await signInUsers(twin, ['alice', 'bob', 'mona']);
}, 60000);

afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await twin?.stop();
}, 60000);

/** A room of alice's with mona in it and a message of alice's. */
async function roomWithMessage(): Promise<{ roomId: string; messageId: string }> {
  const roomId = await createRoom(twin, users.alice, `moderated live ${Math.random()}`);
  await joinRoom(twin, users.mona, roomId);
  return { roomId, messageId: await sendMessage(twin, users.alice, roomId, 'something rude') };
}

/**
 * resolveReport, repeated while the workflow has not stored its task token yet: onReport is
 * sent by the state before the wait, so the decision can arrive an instant early (Conflict,
 * README "Moderation").
 */
async function resolveWhenWaiting(reportId: string, decision: 'REMOVE' | 'DISMISS'): Promise<void> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const errors = await refusal(twin, users.alice, RESOLVE, { id: reportId, d: decision, n: 'removed live' });
    if (errors.length === 0) return;
    expect(errors).toEqual(['Conflict']);
    if (Date.now() > deadline) throw new Error(`report ${reportId} never waited for a decision`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('moderation seen by subscribers', () => {
  it("an Admin's onReport receives the report; after the Admin's REMOVE, onMessageChanged shows the message deleted", async () => {
    const { roomId, messageId } = await roomWithMessage();
    const admin = await connect(twin, users.alice, open);
    const member = await connect(twin, users.mona, open);
    expect(await subscribe(twin, admin, users.alice, 'reports', ON_REPORT, {})).toEqual({ type: 'start_ack', id: 'reports' });
    expect(await subscribe(twin, member, users.mona, 'changes', ON_CHANGED, { roomId })).toEqual({ type: 'start_ack', id: 'changes' });

    const reported = (await must(twin, users.mona, REPORT, { r: roomId, m: messageId, why: 'rude' })).reportMessage as { id: string; createdAt: string };
    expect(reported.id).toMatch(ULID);
    const heard = await admin.next((f) => f.id === 'reports' && f.type === 'data');
    expect(heard.payload).toEqual({
      data: {
        onReport: { id: reported.id, roomId, messageId, reporterId: users.mona.sub, reason: 'rude', status: 'OPEN', createdAt: expect.stringMatching(ISO_DATE_TIME), decidedBy: null, note: null, decidedAt: null },
      },
    });

    await resolveWhenWaiting(reported.id, 'REMOVE');
    const changed = await member.next((f) => f.id === 'changes' && f.type === 'data');
    // A soft delete: the message stays, deleted and without content.
    expect(changed.payload).toEqual({ data: { onMessageChanged: { roomId, id: messageId, senderId: users.alice.sub, content: '', deleted: true } } });
    expect(await twin.stepFunctions.settledExecution(reported.id)).toBe('SUCCEEDED');
    // One report, one change: nothing else reached either subscriber.
    expect([...admin.pending('reports'), ...member.pending('changes')]).toEqual([]);
  });

  it("refuses a non-Admin's onReport start, and the report reaches only the Admin", async () => {
    const { roomId, messageId } = await roomWithMessage();
    const admin = await connect(twin, users.alice, open);
    const member = await connect(twin, users.bob, open);
    expect(await subscribe(twin, member, users.bob, 'sneaky', ON_REPORT, {})).toEqual({
      type: 'error',
      id: 'sneaky',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onReport on type Subscription' }] },
    });
    expect(await subscribe(twin, admin, users.alice, 'reports', ON_REPORT, {})).toEqual({ type: 'start_ack', id: 'reports' });

    const reported = (await must(twin, users.mona, REPORT, { r: roomId, m: messageId, why: 'spam' })).reportMessage as { id: string };
    const heard = await admin.next((f) => f.id === 'reports' && f.type === 'data');
    expect(heard.payload).toMatchObject({ data: { onReport: { id: reported.id, reporterId: users.mona.sub, reason: 'spam' } } });
    // The Admin's frame came through the same publish: the refused subscriber got nothing.
    expect(member.pending('sneaky')).toEqual([]);
  });
});
