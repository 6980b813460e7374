// Moderation (issue 13) end to end in the twin: reportMessage starts the workflow defined by
// the CDK construct, the Admin's resolveReport hands it the decision, and the message is removed
// or the report dismissed. Expected values come from the contract (schema/schema.graphql).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { scanTable } from './support/table-snapshot';
import { createRoom, joinRoom, must, refusal, sendMessage, signInUsers, type SignedIn } from './support/feature-users';

const REPORT = 'mutation($r: ID!, $m: ID!, $why: String!) { reportMessage(roomId: $r, messageId: $m, reason: $why) { id roomId messageId reporterId reason status } }';
const RESOLVE = 'mutation($id: ID!, $d: ReportDecision!, $n: String) { resolveReport(reportId: $id, decision: $d, note: $n) { id status decidedBy note } }';
const REPORTS = 'query($s: ReportStatus) { listReports(status: $s, limit: 100) { items { id status decidedBy } nextToken } }';
const MESSAGES = 'query($r: ID!) { listMessages(roomId: $r) { items { id deleted content } } }';

let twin: Twin;
let users: Record<string, SignedIn>;
let dynamodb: DynamoDBClient;
/** How long a poll for the workflow's progress may take before the test says it is stuck. */
const POLL_DEADLINE_MS = 20_000;
/** Errors the twin throws the next times a state runs (by state name): Retry and Catch paths. */
const faults = new Map<string, string[]>();

beforeAll(async () => {
  // A 4-second decision timeout and 10 ms Retry pauses, so the timeout and retry paths run in the test.
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', moderation: { decisionTimeoutSeconds: 4, retryIntervalMs: 10, faults } });
  users = await signInUsers(twin, ['alice', 'bob', 'quinn']);
  dynamodb = createLocalDynamoDBClient(twin.dynamodbEndpoint);
}, 60000);

afterAll(async () => {
  dynamodb?.destroy();
  await twin?.stop();
}, 60000);

/** resolveReport, retried while the workflow has not stored its task token yet (Conflict). */
async function resolveWhenWaiting(reportId: string, decision: 'REMOVE' | 'DISMISS', note: string): Promise<Record<string, unknown>> {
  // The twin has no event for "this execution now waits for its token": poll, bounded in time
  // (a count of back-to-back attempts ran out on a loaded machine before the workflow caught up).
  for (const deadline = Date.now() + POLL_DEADLINE_MS; Date.now() < deadline; ) {
    const errors = await refusal(twin, users.alice, RESOLVE, { id: reportId, d: decision, n: note });
    if (errors.length === 0) return {};
    expect(errors).toEqual(['Conflict']);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`report ${reportId} never waited for a decision`);
}

/** Polls listReports until the report is in the status (the workflow runs after reportMessage answers). */
async function untilReportIn(status: string, reportId: string): Promise<void> {
  for (const deadline = Date.now() + POLL_DEADLINE_MS; Date.now() < deadline; ) {
    const page = (await must(twin, users.alice, REPORTS, { s: status })).listReports as { items: Array<{ id: string }> };
    if (page.items.some((item) => item.id === reportId)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`report ${reportId} never reached ${status}`);
}

async function reportedMessage(): Promise<{ roomId: string; messageId: string; reportId: string }> {
  const roomId = await createRoom(twin, users.alice, `moderated ${Math.random()}`);
  await joinRoom(twin, users.bob, roomId);
  const messageId = await sendMessage(twin, users.alice, roomId, 'something rude');
  const report = (await must(twin, users.bob, REPORT, { r: roomId, m: messageId, why: 'rude' })).reportMessage as { id: string };
  expect(report).toEqual({ id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), roomId, messageId, reporterId: users.bob.sub, reason: 'rude', status: 'OPEN' });
  return { roomId, messageId, reportId: report.id };
}

describe('moderation workflow in the twin', () => {
  it('remove: the Admin decides, the workflow soft-deletes the message and closes the report REMOVED', async () => {
    const { roomId, messageId, reportId } = await reportedMessage();
    await untilReportIn('OPEN', reportId);
    await resolveWhenWaiting(reportId, 'REMOVE', 'rude');
    expect(await twin.stepFunctions.settledExecution(reportId)).toBe('SUCCEEDED');
    await untilReportIn('REMOVED', reportId);
    const messages = (await must(twin, users.bob, MESSAGES, { r: roomId })).listMessages as { items: Array<{ id: string; deleted: boolean; content: string }> };
    expect(messages.items.find((m) => m.id === messageId)).toEqual({ id: messageId, deleted: true, content: '' });
  });

  it('dismiss: the report closes DISMISSED and the message stays', async () => {
    const { roomId, messageId, reportId } = await reportedMessage();
    await resolveWhenWaiting(reportId, 'DISMISS', 'fine');
    expect(await twin.stepFunctions.settledExecution(reportId)).toBe('SUCCEEDED');
    const dismissed = (await must(twin, users.alice, REPORTS, { s: 'DISMISSED' })).listReports as { items: Array<{ id: string; status: string; decidedBy: string }> };
    expect(dismissed.items.find((r) => r.id === reportId)).toEqual({ id: reportId, status: 'DISMISSED', decidedBy: users.alice.sub });
    const messages = (await must(twin, users.bob, MESSAGES, { r: roomId })).listMessages as { items: Array<{ id: string; deleted: boolean }> };
    expect(messages.items.find((m) => m.id === messageId)).toMatchObject({ id: messageId, deleted: false });
    // The token is spent: a second decision is refused.
    expect(await refusal(twin, users.alice, RESOLVE, { id: reportId, d: 'REMOVE' })).toEqual(['Conflict']);
  });

  it('timeout: no decision within the timeout dismisses the report (decidedBy timeout)', async () => {
    const { reportId } = await reportedMessage();
    expect(await twin.stepFunctions.settledExecution(reportId)).toBe('SUCCEEDED');
    const dismissed = (await must(twin, users.alice, REPORTS, { s: 'DISMISSED' })).listReports as { items: Array<{ id: string; decidedBy: string }> };
    expect(dismissed.items.find((r) => r.id === reportId)).toEqual({ id: reportId, status: 'DISMISSED', decidedBy: 'timeout' });
  }, 20000);

  it('retry: a throttled RecordReport is retried and the report opens', async () => {
    faults.set('RecordReport', ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ProvisionedThroughputExceededException']);
    const { reportId } = await reportedMessage();
    await untilReportIn('OPEN', reportId);
    expect(faults.get('RecordReport')).toEqual([]);
    await resolveWhenWaiting(reportId, 'DISMISS', '');
    expect(await twin.stepFunctions.settledExecution(reportId)).toBe('SUCCEEDED');
  });

  it('catch: an error no Retry covers is recorded on the report (FAILED) and fails the execution', async () => {
    faults.set('NotifyModerators', ['EventBridge.AccessDeniedException']);
    const { reportId } = await reportedMessage();
    expect(await twin.stepFunctions.settledExecution(reportId)).toBe('FAILED');
    const failed = (await must(twin, users.alice, REPORTS, { s: 'FAILED' })).listReports as { items: Array<{ id: string; status: string }> };
    expect(failed.items.find((r) => r.id === reportId)).toEqual({ id: reportId, status: 'FAILED', decidedBy: null });
  });

  it('refuses a second report of the same message by the same user (Conflict)', async () => {
    const { roomId, messageId } = await reportedMessage();
    expect(await refusal(twin, users.bob, REPORT, { r: roomId, m: messageId, why: 'again' })).toEqual(['Conflict']);
  });
});

describe('moderation refusals change nothing', () => {
  const UNKNOWN = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  it.each([
    ['an unknown message', 'bob', REPORT, (c: Case) => ({ r: c.roomId, m: UNKNOWN, why: 'rude' }), 'NotFound'],
    ['a second report by the same user', 'bob', REPORT, (c: Case) => ({ r: c.roomId, m: c.messageId, why: 'again' }), 'Conflict'],
    ['a report by a non-member', 'quinn', REPORT, (c: Case) => ({ r: c.roomId, m: c.messageId, why: 'rude' }), 'Unauthorized'],
    ['a blank reason', 'alice', REPORT, (c: Case) => ({ r: c.roomId, m: c.messageId, why: '  ' }), 'ValidationError'],
    ['a reason over 500 characters', 'alice', REPORT, (c: Case) => ({ r: c.roomId, m: c.messageId, why: 'x'.repeat(501) }), 'ValidationError'],
    ['a non-Admin resolving', 'bob', RESOLVE, (c: Case) => ({ id: c.reportId, d: 'REMOVE' }), 'Unauthorized'],
    ['resolving an unknown report', 'alice', RESOLVE, () => ({ id: UNKNOWN, d: 'REMOVE' }), 'NotFound'],
    ['a non-Admin listing reports', 'bob', REPORTS, () => ({ s: 'OPEN' }), 'Unauthorized'],
  ])('%s: %s', async (_case, who, query, variables, errorType) => {
    const reported = await reportedMessage();
    await untilReportIn('OPEN', reported.reportId);
    // Other tests' reports time out and close on their own meanwhile: compare what this case could touch.
    const touchable = async () =>
      Object.fromEntries(
        Object.entries(await scanTable(dynamodb, twin.tableName)).filter(([, item]) => item.PK === `ROOM#${reported.roomId}` || item.PK === `REPORT#${reported.reportId}`),
      );
    const before = await touchable();
    expect(Object.keys(before).length).toBeGreaterThan(2);
    expect(await refusal(twin, users[who], query, variables(reported))).toEqual([errorType]);
    expect(await touchable()).toEqual(before);
  });
});

type Case = { roomId: string; messageId: string; reportId: string };
