// The authorization matrix: every root field of the schema × every kind of caller, against a
// started twin (in memory, DynamoDB Local, real sign-ins, forged tokens, SigV4 signatures).
// Queries and mutations go over POST /graphql, subscriptions over the realtime protocol. Every
// cell asserts AppSync's answer; a refused cell also asserts that the whole table is unchanged
// and, for a subscription, that nothing was subscribed; an allowed mutation asserts its effect.
//
// The expected answers come from the contract (README "The chat API", the schema's directives,
// DESIGN §2) and AppSync's documented behaviour (../shared/reference/
// appsync-realtime-and-amplify.md §1.3, §2.2, §9), never from what the twin answers.
import { randomUUID } from 'node:crypto';
import { isNonNullType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import { loadApiSchema } from '../../local/graphql/schema';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import {
  anonymousIdentity,
  editedAfterSigning,
  iamIdentity,
  resignedByPool,
  signedWithAnotherKey,
  tokenIdentity,
  unsignedToken,
  type Identity,
} from './support/identities';
import { cognitoSignIn } from './support/raw-clients';
import { RealtimeProbe } from './support/realtime-probe';
import { diffTables, scanTable, type Item, type TableDiff, type TableSnapshot } from './support/table-snapshot';

// AppSync's answers (reference §1.3: HTTP 401 bodies; §2.2 and §9: realtime frames).
const NOT_PROVIDED = 'Valid authorization header not provided.';
const UNPARSABLE = 'Unable to parse JWT token.';
const EXPIRED = 'Token has expired.';
/** AWS's SigV4 mismatch wording (the same on every AWS service). */
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const CONNECTION_REFUSED = { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 };
/** connection_ack's connectionTimeoutMs (reference §2.3). */
const CONNECTION_TIMEOUT_MS = 300000;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ANOTHER_CLIENT_ID = 'anotherappclient0000000000';

// ---------------------------------------------------------------------------------------------
// Who calls

const IDENTITIES = [
  'no credentials',
  'malformed "abc"',
  'malformed "Bearer x"',
  'malformed "..."',
  'forged: another RSA key under the pool kid',
  'forged: alg none',
  'forged: payload edited after signing',
  'expired',
  'another app client',
  'no group (carol, a member)',
  'Member outside the room (bob)',
  'Member in the room (mia)',
  'owner (owen)',
  'owner with an ID token',
  'Admin in the room (alice)',
  'Admin outside the room (adam)',
  'IAM',
  'IAM, bad signature',
] as const;
type IdentityName = (typeof IDENTITIES)[number];

/** Users of the matrix: the seeded alice (Admins, Members), bob (Members) and carol (none), and four made here. */
const PASSWORDS = { owen: 'Owen#Matrix-Local1', mia: 'Mia#Matrix-Local1', adam: 'Adam#Matrix-Local1', rex: 'Rex#Matrix-Local1', alice: 'Alice#Local1', bob: 'Bob#Local1', carol: 'Carol#Local1' };
type Person = keyof typeof PASSWORDS;
const NEW_USERS: Partial<Record<Person, string[]>> = { owen: ['Members'], mia: ['Members'], adam: ['Admins'], rex: ['Members'] };

/** The user behind an identity whose credentials are valid (the forged ones are built on owen's). */
const PERSON_OF: Partial<Record<IdentityName, Person>> = {
  'no group (carol, a member)': 'carol',
  'Member outside the room (bob)': 'bob',
  'Member in the room (mia)': 'mia',
  'owner (owen)': 'owen',
  'owner with an ID token': 'owen',
  'Admin in the room (alice)': 'alice',
  'Admin outside the room (adam)': 'adam',
};

type Caller = { kind: 'user'; sub: string; username: string } | { kind: 'iam' };

// ---------------------------------------------------------------------------------------------
// What AppSync answers

type Expected =
  /** HTTP 401 UnauthorizedException with this message; on the socket, connection_error. */
  | { answer: 'unauthenticated'; message: string }
  /** HTTP 403 InvalidSignatureException; on the socket, connection_error. */
  | { answer: 'bad signature' }
  /** The auth directives: Unauthorized "Not Authorized to access <field> on type <Type>". */
  | { answer: 'denied' }
  /** The resolver: Unauthorized (not a member, not the sender). */
  | { answer: 'refused' }
  | { answer: 'allowed' };

const DENIED: Expected = { answer: 'denied' };
const REFUSED: Expected = { answer: 'refused' };
const ALLOWED: Expected = { answer: 'allowed' };

/** Credentials refused before any field runs: the same answer for every operation. */
const NOT_AUTHENTICATED = {
  'no credentials': { answer: 'unauthenticated', message: NOT_PROVIDED },
  'malformed "abc"': { answer: 'unauthenticated', message: UNPARSABLE },
  // UNVERIFIED: whether AppSync strips a Bearer prefix on HTTP; "x" does not parse either way.
  'malformed "Bearer x"': { answer: 'unauthenticated', message: UNPARSABLE },
  'malformed "..."': { answer: 'unauthenticated', message: UNPARSABLE },
  'forged: another RSA key under the pool kid': { answer: 'unauthenticated', message: NOT_PROVIDED },
  'forged: alg none': { answer: 'unauthenticated', message: NOT_PROVIDED },
  'forged: payload edited after signing': { answer: 'unauthenticated', message: NOT_PROVIDED },
  expired: { answer: 'unauthenticated', message: EXPIRED },
  // UNVERIFIED: AWS documents no message for a token of another app client (reference §10).
  'another app client': { answer: 'unauthenticated', message: NOT_PROVIDED },
  'IAM, bad signature': { answer: 'bad signature' },
} satisfies Partial<Record<IdentityName, Expected>>;

// ---------------------------------------------------------------------------------------------
// The operations: how each root field is called, and what an allowed call must have done

/** A room of owen's, with his message, mia and alice as members, and rex removed (banned) by alice. */
interface Scene {
  roomId: string;
  roomName: string;
  /** owen's message in the room. */
  messageId: string;
  /** mia's report of owen's message, its workflow waiting for a decision (the shared scene, and resolveReport's). */
  reportId?: string;
}

interface AllowedCall {
  data: Record<string, unknown>;
  caller: Caller;
  scene: Scene;
  before: TableSnapshot;
  after: TableSnapshot;
}

interface Operation {
  document: string;
  variables(scene: Scene): Record<string, unknown>;
  /** What an allowed mutation's own scene needs beyond newScene's. */
  setUp?(scene: Scene): Promise<Scene>;
  /** For queries and mutations: asserts the data and the effect of an allowed call. */
  allowed?(call: AllowedCall): void | Promise<void>;
}

const ROOM = 'id name createdBy';
const MESSAGE = 'roomId id senderId sender content createdAt editedAt deleted';
const HELLO = 'hello from owen';
const REPORT = 'id roomId messageId reporterId reason status createdAt decidedBy note decidedAt';
const PUBLISHED_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const PUBLISHED_AT = '2026-01-02T03:04:05.000Z';
const roomArg = (scene: Scene) => ({ roomId: scene.roomId });
const GET_ROOM = `query($roomId: ID!) { getRoom(roomId: $roomId) { ${ROOM} } }`;
const JOIN_ROOM = `mutation($roomId: ID!) { joinRoom(roomId: $roomId) { ${ROOM} } }`;

const operations = {
  'Query.listMessages': {
    document: 'query($roomId: ID!) { listMessages(roomId: $roomId) { items { id senderId content } nextToken } }',
    variables: roomArg,
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({ listMessages: { items: [{ id: scene.messageId, senderId: people.owen.sub, content: HELLO }], nextToken: null } });
      expect(after).toEqual(before);
    },
  },
  'Query.getRoom': {
    document: GET_ROOM,
    variables: roomArg,
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({ getRoom: roomOf(scene) });
      expect(after).toEqual(before);
    },
  },
  'Query.myRooms': {
    document: `query { myRooms { ${ROOM} } }`,
    variables: () => ({}),
    allowed: ({ data, caller, scene, before, after }) => {
      const sub = userOf(caller).sub;
      const rooms = data.myRooms as Array<{ id: string }>;
      // Exactly the rooms the table says the caller belongs to, the scene's room among them iff a member.
      expect(rooms.map((r) => r.id).sort()).toEqual(roomsOfMember(before, sub).sort());
      expect(rooms.filter((r) => r.id === scene.roomId)).toEqual(memberKey(scene.roomId, sub) in before ? [roomOf(scene)] : []);
      expect(after).toEqual(before);
    },
  },
  'Mutation.createRoom': {
    document: `mutation($name: String!) { createRoom(name: $name) { ${ROOM} } }`,
    variables: () => ({ name: 'made by the matrix' }),
    allowed: ({ data, caller, before, after }) => {
      const { sub } = userOf(caller);
      expect(data).toEqual({ createRoom: { id: expect.stringMatching(ULID), name: 'made by the matrix', createdBy: sub } });
      const id = (data.createRoom as { id: string }).id;
      // The creator becomes the first member.
      expect(keysOf(diffTables(before, after))).toEqual({ added: [`ROOM#${id} META`, memberKey(id, sub)].sort(), removed: [], changed: [] });
    },
  },
  'Mutation.joinRoom': {
    document: JOIN_ROOM,
    variables: roomArg,
    allowed: ({ data, caller, scene, before, after }) => {
      expect(data).toEqual({ joinRoom: roomOf(scene) });
      // Joining twice is a no-op.
      const member = memberKey(scene.roomId, userOf(caller).sub);
      expect(keysOf(diffTables(before, after))).toEqual({ added: member in before ? [] : [member], removed: [], changed: [] });
    },
  },
  'Mutation.leaveRoom': {
    document: `mutation($roomId: ID!) { leaveRoom(roomId: $roomId) { ${ROOM} } }`,
    variables: roomArg,
    allowed: ({ data, caller, scene, before, after }) => {
      expect(data).toEqual({ leaveRoom: roomOf(scene) });
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [memberKey(scene.roomId, userOf(caller).sub)], changed: [] });
    },
  },
  'Mutation.removeMember': {
    document: `mutation($roomId: ID!, $userId: String!) { removeMember(roomId: $roomId, userId: $userId) { ${ROOM} } }`,
    variables: (scene) => ({ roomId: scene.roomId, userId: people.mia.sub }),
    allowed: async ({ data, scene, before, after }) => {
      expect(data).toEqual({ removeMember: roomOf(scene) });
      // How a removal and its ban are stored is the resolvers' choice; what holds: only mia's
      // items of this room changed, her membership is gone, and she can no longer read the room.
      const diff = keysOf(diffTables(before, after));
      expect(touchedBeyond(diff, scene.roomId, people.mia.sub)).toEqual([]);
      expect(memberKey(scene.roomId, people.mia.sub) in after).toBe(false);
      const read = await callHttp(identities['Member in the room (mia)'], GET_ROOM, roomArg(scene));
      expect(read.body.errors?.map((e) => e.errorType)).toEqual(['Unauthorized']);
    },
  },
  'Mutation.unbanMember': {
    document: `mutation($roomId: ID!, $userId: String!) { unbanMember(roomId: $roomId, userId: $userId) { ${ROOM} } }`,
    variables: (scene) => ({ roomId: scene.roomId, userId: people.rex.sub }),
    allowed: async ({ data, scene, before, after }) => {
      expect(data).toEqual({ unbanMember: roomOf(scene) });
      // The ban is lifted (only rex's items of this room changed) without making rex a member;
      // he may join again.
      const diff = keysOf(diffTables(before, after));
      expect(touchedBeyond(diff, scene.roomId, people.rex.sub)).toEqual([]);
      expect(diff.removed.length + diff.changed.length).toBeGreaterThan(0);
      expect(memberKey(scene.roomId, people.rex.sub) in after).toBe(false);
      const join = await callHttp(tokenIdentity(twin.graphqlUrl, people.rex.accessToken), JOIN_ROOM, roomArg(scene));
      expect(join.body).toEqual({ data: { joinRoom: roomOf(scene) } });
    },
  },
  'Mutation.sendMessage': {
    document: `mutation($roomId: ID!, $content: String!, $key: String!) { sendMessage(roomId: $roomId, content: $content, clientMessageId: $key) { ${MESSAGE} } }`,
    variables: (scene) => ({ roomId: scene.roomId, content: 'sent by the matrix', key: randomUUID() }),
    allowed: ({ data, caller, scene, before, after }) => {
      const { sub, username } = userOf(caller);
      // Sender and time come from the token and the server, never from arguments.
      expect(data).toEqual({
        sendMessage: {
          roomId: scene.roomId,
          id: expect.stringMatching(ULID),
          senderId: sub,
          sender: username,
          content: 'sent by the matrix',
          createdAt: expect.stringMatching(ISO_DATE_TIME),
          editedAt: null,
          deleted: false,
        },
      });
      const diff = keysOf(diffTables(before, after));
      expect(diff.added).toContain(`ROOM#${scene.roomId} MSG#${(data.sendMessage as { id: string }).id}`);
      expect({ ...diff, added: diff.added.filter((key) => !key.startsWith(`ROOM#${scene.roomId} `)) }).toEqual({ added: [], removed: [], changed: [] });
    },
  },
  'Mutation.editMessage': {
    document: `mutation($roomId: ID!, $messageId: ID!, $content: String!) { editMessage(roomId: $roomId, messageId: $messageId, content: $content) { ${MESSAGE} } }`,
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId, content: 'edited by the matrix' }),
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({
        editMessage: {
          roomId: scene.roomId,
          id: scene.messageId,
          senderId: people.owen.sub,
          sender: 'owen',
          content: 'edited by the matrix',
          createdAt: expect.stringMatching(ISO_DATE_TIME),
          editedAt: expect.stringMatching(ISO_DATE_TIME),
          deleted: false,
        },
      });
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [], changed: [messageKey(scene)] });
    },
  },
  'Mutation.deleteMessage': {
    document: `mutation($roomId: ID!, $messageId: ID!) { deleteMessage(roomId: $roomId, messageId: $messageId) { ${MESSAGE} } }`,
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId }),
    allowed: ({ data, scene, before, after }) => {
      // A soft delete: the message stays, deleted and without content.
      expect(data).toEqual({ deleteMessage: expect.objectContaining({ roomId: scene.roomId, id: scene.messageId, senderId: people.owen.sub, content: '', deleted: true }) });
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [], changed: [messageKey(scene)] });
    },
  },
  'Query.listPublicRooms': {
    document: 'query { listPublicRooms(limit: 100) { items { id name createdBy } nextToken } }',
    variables: () => ({}),
    allowed: ({ data, before, after }) => {
      // Every room of the matrix is public (none is created PRIVATE): newest first, one page of 100.
      const rooms = Object.values(before).filter((item) => item.SK === 'META').map((item) => String(item.id)).sort().reverse();
      const page = data.listPublicRooms as { items: Array<{ id: string }> };
      expect(page.items.map((r) => r.id)).toEqual(rooms.slice(0, 100));
      expect(after).toEqual(before);
    },
  },
  'Query.myInvitations': {
    document: 'query { myInvitations { roomId roomName userId invitedBy invitedAt } }',
    variables: () => ({}),
    allowed: ({ data, caller, before, after }) => {
      // Only the caller's own invitations.
      const invitations = data.myInvitations as Array<{ userId: string }>;
      expect(invitations.filter((i) => i.userId !== userOf(caller).sub)).toEqual([]);
      expect(after).toEqual(before);
    },
  },
  'Query.presence': {
    document: 'query($roomId: ID!) { presence(roomId: $roomId) { roomId userId username lastSeenAt expiresAt } }',
    variables: roomArg,
    allowed: ({ data, before, after }) => {
      // Nobody sent a heartbeat to the shared room.
      expect(data).toEqual({ presence: [] });
      expect(after).toEqual(before);
    },
  },
  // The invitee is bob, outside the room and not banned.
  'Mutation.inviteMember': {
    document: `mutation($roomId: ID!, $userId: String!) { inviteMember(roomId: $roomId, userId: $userId) { roomId roomName userId invitedBy invitedAt } }`,
    variables: (scene) => ({ roomId: scene.roomId, userId: people.bob.sub }),
    allowed: ({ data, caller, scene, before, after }) => {
      expect(data).toEqual({
        inviteMember: {
          roomId: scene.roomId,
          roomName: scene.roomName,
          userId: people.bob.sub,
          invitedBy: caller.kind === 'user' ? caller.sub : expect.stringMatching(/^arn:aws:/),
          invitedAt: expect.stringMatching(ISO_DATE_TIME),
        },
      });
      // Only bob's items of this room changed, and bob is not a member yet.
      const diff = keysOf(diffTables(before, after));
      expect(touchedBeyond(diff, scene.roomId, people.bob.sub)).toEqual([]);
      expect(diff.added.length).toBe(1);
      expect(memberKey(scene.roomId, people.bob.sub) in after).toBe(false);
    },
  },
  // No caller holds an invitation: only members (for whom accepting is a no-op) succeed.
  'Mutation.acceptInvite': {
    document: `mutation($roomId: ID!) { acceptInvite(roomId: $roomId) { ${ROOM} } }`,
    variables: roomArg,
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({ acceptInvite: roomOf(scene) });
      expect(after).toEqual(before);
    },
  },
  'Mutation.react': {
    document: `mutation($roomId: ID!, $messageId: ID!) { react(roomId: $roomId, messageId: $messageId, emoji: "👍") { id reactions { emoji count mine } } }`,
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId }),
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({ react: { id: scene.messageId, reactions: [{ emoji: '👍', count: 1, mine: true }] } });
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [], changed: [messageKey(scene)] });
    },
  },
  'Mutation.unreact': {
    document: `mutation($roomId: ID!, $messageId: ID!) { unreact(roomId: $roomId, messageId: $messageId, emoji: "👍") { id reactions { emoji count mine } } }`,
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId }),
    allowed: ({ data, scene, before, after }) => {
      // Nobody had reacted: taking back nothing changes nothing.
      expect(data).toEqual({ unreact: { id: scene.messageId, reactions: [] } });
      expect(after).toEqual(before);
    },
  },
  'Mutation.markRead': {
    document: 'mutation($roomId: ID!, $messageId: ID!) { markRead(roomId: $roomId, messageId: $messageId) { roomId lastReadMessageId } }',
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId }),
    allowed: ({ data, caller, scene, before, after }) => {
      expect(data).toEqual({ markRead: { roomId: scene.roomId, lastReadMessageId: scene.messageId } });
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [], changed: [memberKey(scene.roomId, userOf(caller).sub)] });
    },
  },
  'Mutation.setTyping': {
    document: 'mutation($roomId: ID!) { setTyping(roomId: $roomId) { roomId userId username at } }',
    variables: roomArg,
    allowed: ({ data, caller, scene, before, after }) => {
      const { sub, username } = userOf(caller);
      expect(data).toEqual({ setTyping: { roomId: scene.roomId, userId: sub, username, at: expect.stringMatching(ISO_DATE_TIME) } });
      // What the rate bound keeps is the resolvers' choice: at most the caller's items of this room.
      expect(touchedBeyond(keysOf(diffTables(before, after)), scene.roomId, sub)).toEqual([]);
    },
  },
  'Mutation.heartbeat': {
    document: 'mutation($roomId: ID!) { heartbeat(roomId: $roomId) { roomId userId username lastSeenAt expiresAt } }',
    variables: roomArg,
    allowed: ({ data, caller, scene, before, after }) => {
      const { sub, username } = userOf(caller);
      expect(data).toEqual({ heartbeat: { roomId: scene.roomId, userId: sub, username, lastSeenAt: expect.stringMatching(ISO_DATE_TIME), expiresAt: expect.any(Number) } });
      const diff = keysOf(diffTables(before, after));
      expect(touchedBeyond(diff, scene.roomId, sub)).toEqual([]);
      expect(diff.added.length + diff.changed.length).toBe(1);
    },
  },
  // Issue 13, moderation. The workflow writes after reportMessage and resolveReport answer: an
  // allowed cell waits until its execution is quiet again (waiting for a decision, or ended), so
  // no later cell sees a write it did not make.
  'Mutation.reportMessage': {
    document: `mutation($roomId: ID!, $messageId: ID!, $reason: String!) { reportMessage(roomId: $roomId, messageId: $messageId, reason: $reason) { ${REPORT} } }`,
    variables: (scene) => ({ roomId: scene.roomId, messageId: scene.messageId, reason: 'reported by the matrix' }),
    allowed: async ({ data, caller, scene, before }) => {
      const { sub } = userOf(caller);
      const opened = { roomId: scene.roomId, messageId: scene.messageId, reporterId: sub, reason: 'reported by the matrix', status: 'OPEN', createdAt: expect.stringMatching(ISO_DATE_TIME) };
      expect(data).toEqual({ reportMessage: { id: expect.stringMatching(ULID), ...opened, decidedBy: null, note: null, decidedAt: null } });
      const { id } = data.reportMessage as { id: string };
      const recorded = await untilWaiting(id);
      // reportMessage's claim (once per user and message) and the report the workflow recorded,
      // indexed as OPEN, with the task token of its wait; nothing else.
      expect(keysOf(diffTables(before, await snapshot()))).toEqual({ added: [reportKey(id), `ROOM#${scene.roomId} REPORTED#${scene.messageId}#${sub}`].sort(), removed: [], changed: [] });
      expect(recorded).toEqual(expect.objectContaining({ ...opened, GSI1PK: 'REPORTS#OPEN', taskToken: expect.any(String) }));
    },
  },
  // Admins decide on any room's report (moderation covers every room): the scene's own report, dismissed.
  'Mutation.resolveReport': {
    document: `mutation($reportId: ID!, $note: String) { resolveReport(reportId: $reportId, decision: DISMISS, note: $note) { ${REPORT} } }`,
    variables: (scene) => ({ reportId: scene.reportId, note: 'dismissed by the matrix' }),
    setUp: async (scene) => ({ ...scene, reportId: await reportWaiting(scene) }),
    allowed: async ({ data, caller, scene, before }) => {
      const { sub } = userOf(caller);
      const reportId = scene.reportId as string;
      const decided = { status: 'DISMISSED', decidedBy: sub, note: 'dismissed by the matrix', decidedAt: expect.stringMatching(ISO_DATE_TIME) };
      expect(data).toEqual({ resolveReport: { id: reportId, roomId: scene.roomId, messageId: scene.messageId, reporterId: people.mia.sub, reason: 'reported for the matrix', createdAt: expect.stringMatching(ISO_DATE_TIME), ...decided } });
      expect(await twin.stepFunctions.settledExecution(reportId)).toBe('SUCCEEDED');
      // The workflow closed the report: indexed as DISMISSED, the token gone; the message stays.
      const after = await snapshot();
      expect(keysOf(diffTables(before, after))).toEqual({ added: [], removed: [], changed: [reportKey(reportId)] });
      expect(after[reportKey(reportId)]).toEqual(expect.objectContaining({ ...decided, GSI1PK: 'REPORTS#DISMISSED' }));
      expect(after[reportKey(reportId)]).not.toHaveProperty('taskToken');
    },
  },
  'Query.listReports': {
    document: `query { listReports { items { ${REPORT} } nextToken } }`,
    variables: () => ({}),
    allowed: ({ data, before, after }) => {
      // The OPEN reports (the default status), newest first (ULIDs order by time), at most 50.
      const open = Object.values(before)
        .filter((item) => item.SK === 'REPORT' && item.status === 'OPEN')
        .map(openReportOf)
        .sort((a, b) => (String(a.id) < String(b.id) ? 1 : -1));
      expect(open.length).toBeGreaterThan(0);
      expect(data).toEqual({ listReports: { items: open.slice(0, 50), nextToken: open.length > 50 ? expect.any(String) : null } });
      expect(after).toEqual(before);
    },
  },
  // What the workflow's ReportOpened event sends; the NONE resolver stores nothing.
  'Mutation.publishReport': {
    document: `mutation($id: ID!, $roomId: ID!, $messageId: ID!, $reporterId: String!, $reason: String!, $createdAt: AWSDateTime!) { publishReport(id: $id, roomId: $roomId, messageId: $messageId, reporterId: $reporterId, reason: $reason, createdAt: $createdAt) { ${REPORT} } }`,
    variables: (scene) => ({ id: PUBLISHED_ID, roomId: scene.roomId, messageId: scene.messageId, reporterId: people.mia.sub, reason: 'published by the matrix', createdAt: PUBLISHED_AT }),
    allowed: ({ data, scene, before, after }) => {
      expect(data).toEqual({
        publishReport: { id: PUBLISHED_ID, roomId: scene.roomId, messageId: scene.messageId, reporterId: people.mia.sub, reason: 'published by the matrix', status: 'OPEN', createdAt: PUBLISHED_AT, decidedBy: null, note: null, decidedAt: null },
      });
      expect(after).toEqual(before);
    },
  },
  'Subscription.onReport': {
    document: `subscription { onReport { ${REPORT} } }`,
    variables: () => ({}),
  },
  'Subscription.onNewMessage': {
    document: `subscription($roomId: ID!) { onNewMessage(roomId: $roomId) { ${MESSAGE} } }`,
    variables: roomArg,
  },
  'Subscription.onMessageChanged': {
    document: `subscription($roomId: ID!) { onMessageChanged(roomId: $roomId) { ${MESSAGE} } }`,
    variables: roomArg,
  },
  'Subscription.onTyping': {
    document: 'subscription($roomId: ID!) { onTyping(roomId: $roomId) { roomId userId username at } }',
    variables: roomArg,
  },
  'Subscription.onPresence': {
    document: 'subscription($roomId: ID!) { onPresence(roomId: $roomId) { roomId userId username lastSeenAt expiresAt } }',
    variables: roomArg,
  },
} satisfies Record<string, Operation>;
type OperationName = keyof typeof operations;

// ---------------------------------------------------------------------------------------------
// The matrix

/**
 * The contract: Members and Admins only (schema directives); members only for everything of a
 * room; editMessage the sender only; deleteMessage the sender, Admins of the room or IAM;
 * removeMember and unbanMember Admins of the room or IAM; IAM on the @aws_iam fields only, needing no membership
 * (README "IAM", "Admins and rooms"). Issue 12: typing, presence, reactions and read state for
 * members of the room; inviteMember for members and IAM; acceptInvite needs an invitation (or
 * membership, a no-op); listPublicRooms and myInvitations for anyone in a group.
 */
const matrix: Record<OperationName, Record<IdentityName, Expected>> = {
  'Query.listMessages': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  'Query.getRoom': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  'Query.myRooms': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': ALLOWED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Mutation.createRoom': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': ALLOWED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Mutation.joinRoom': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': ALLOWED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Mutation.leaveRoom': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  // The target is mia, a member of the room.
  'Mutation.removeMember': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  // The target is rex, whom alice removed from the room.
  'Mutation.unbanMember': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  'Mutation.sendMessage': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  // The message is owen's.
  'Mutation.editMessage': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': REFUSED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': REFUSED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.deleteMessage': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': REFUSED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  // IAM: AppSync acknowledges a SigV4-signed connection and refuses the start on a field
  // without @aws_iam (issue 8 §4; reference §2.1 documents the IAM header object).
  'Subscription.onNewMessage': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Subscription.onMessageChanged': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  // Issue 12. Public rooms are listed to everyone in a group; invitations are the caller's own.
  'Query.listPublicRooms': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': ALLOWED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Query.myInvitations': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': ALLOWED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Query.presence': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  // Members of the room invite, and operators (IAM); the invitee is bob.
  'Mutation.inviteMember': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: ALLOWED,
  },
  // Nobody is invited to the shared room: a member accepting is a no-op, anyone else is refused.
  'Mutation.acceptInvite': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.react': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.unreact': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.markRead': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.setTyping': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.heartbeat': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Subscription.onTyping': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Subscription.onPresence': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  // Issue 13 (schema directives; README "Moderation"): members of the room report; Admins (of
  // any room) resolve, list and hear of reports; only the workflow's IAM role publishes them.
  'Mutation.reportMessage': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': REFUSED,
    'Member in the room (mia)': ALLOWED,
    'owner (owen)': ALLOWED,
    'owner with an ID token': ALLOWED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': REFUSED,
    IAM: DENIED,
  },
  'Mutation.resolveReport': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Query.listReports': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Subscription.onReport': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': ALLOWED,
    'Admin outside the room (adam)': ALLOWED,
    IAM: DENIED,
  },
  'Mutation.publishReport': {
    ...NOT_AUTHENTICATED,
    'no group (carol, a member)': DENIED,
    'Member outside the room (bob)': DENIED,
    'Member in the room (mia)': DENIED,
    'owner (owen)': DENIED,
    'owner with an ID token': DENIED,
    'Admin in the room (alice)': DENIED,
    'Admin outside the room (adam)': DENIED,
    IAM: ALLOWED,
  },
};

// ---------------------------------------------------------------------------------------------
// The twin, the people, the shared scene

let twin: Twin;
let schema: GraphQLSchema;
let dynamodb: DynamoDBClient;
const people = {} as Record<Person, { sub: string; username: string; accessToken: string; idToken: string }>;
const identities = {} as Record<IdentityName, Identity>;
/** The room every cell uses unless it must change state: owen's, with owen's message, mia, alice and carol in it. */
let shared: Scene;
const openProbes = new Set<RealtimeProbe>();

function userOf(caller: Caller): { sub: string; username: string } {
  if (caller.kind !== 'user') throw new Error('this effect needs a user-pool caller');
  return caller;
}

function callerOf(identity: IdentityName): Caller {
  const person = PERSON_OF[identity];
  if (person) return { kind: 'user', sub: people[person].sub, username: person };
  if (identity === 'IAM') return { kind: 'iam' };
  throw new Error(`${identity} is never allowed`);
}

const memberKey = (roomId: string, sub: string) => `ROOM#${roomId} MEMBER#${sub}`;
const messageKey = (scene: Scene) => `ROOM#${scene.roomId} MSG#${scene.messageId}`;
const roomOf = (scene: Scene) => ({ id: scene.roomId, name: scene.roomName, createdBy: people.owen.sub });

function roomsOfMember(table: TableSnapshot, sub: string): string[] {
  return Object.values(table)
    .filter((item) => item.SK === `MEMBER#${sub}`)
    .map((item) => String(item.PK).slice('ROOM#'.length));
}

/** Keys of the diff outside `roomId`'s partition or not naming `sub`. */
function touchedBeyond(diff: ReturnType<typeof keysOf>, roomId: string, sub: string): string[] {
  return [...diff.added, ...diff.removed, ...diff.changed].filter((key) => !key.startsWith(`ROOM#${roomId} `) || !key.includes(sub));
}

function keysOf(diff: TableDiff): { added: string[]; removed: string[]; changed: string[] } {
  const key = (item: Record<string, unknown>) => `${String(item.PK)} ${String(item.SK)}`;
  return { added: diff.added.map(key).sort(), removed: diff.removed.map(key).sort(), changed: diff.changed.map((c) => key(c.after)).sort() };
}

const snapshot = () => scanTable(dynamodb, twin.tableName);

/**
 * The table as the last refused cell left it, asserted unchanged, so the next cell starts from it
 * instead of scanning again; taken by that cell, so anything else (a scene built, an allowed call)
 * scans afresh. A write between the two cells would fail the next cell, never pass it.
 */
let unchangedTable: TableSnapshot | undefined;

async function tableBefore(): Promise<TableSnapshot> {
  const table = unchangedTable ?? (await snapshot());
  unchangedTable = undefined;
  return table;
}

const reportKey = (reportId: string) => `REPORT#${reportId} REPORT`;

/** A stored OPEN report as listReports answers it (README: REPORT#<id> / REPORT). */
function openReportOf(item: Item): Record<string, unknown> {
  const { roomId, messageId, reporterId, reason, status, createdAt } = item;
  return { id: String(item.PK).slice('REPORT#'.length), roomId, messageId, reporterId, reason, status, createdAt, decidedBy: null, note: null, decidedAt: null };
}

/**
 * The report item once its workflow waits for a decision (its task token stored). The twin has
 * no event for a state entered, so the item is read until then, with a deadline.
 */
async function untilWaiting(reportId: string): Promise<Item> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const { Item: raw } = await dynamodb.send(new GetItemCommand({ TableName: twin.tableName, Key: { PK: { S: `REPORT#${reportId}` }, SK: { S: 'REPORT' } }, ConsistentRead: true }));
    const item = raw ? unmarshall(raw) : undefined;
    if (item?.taskToken) return item;
    if (Date.now() > deadline) throw new Error(`report ${reportId} never waited for a decision: ${JSON.stringify(item)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** mia reports owen's message of the scene; resolves when the workflow waits for a decision. */
async function reportWaiting(scene: Scene): Promise<string> {
  const { reportMessage } = await must('mia', 'mutation($r: ID!, $m: ID!, $why: String!) { reportMessage(roomId: $r, messageId: $m, reason: $why) { id } }', {
    r: scene.roomId,
    m: scene.messageId,
    why: 'reported for the matrix',
  });
  const { id } = reportMessage as { id: string };
  await untilWaiting(id);
  return id;
}

interface HttpAnswer {
  status: number;
  errorType: string | null;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

async function callHttp(identity: Identity, document: string, variables: Record<string, unknown>): Promise<HttpAnswer> {
  const body = JSON.stringify({ query: document, variables });
  const headers = { 'content-type': 'application/json', ...(await identity.httpHeaders(body)) };
  const response = await fetch(twin.graphqlUrl, { method: 'POST', headers, body });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: (await response.json()) as HttpAnswer['body'] };
}

/** A call that must succeed (building scenes). */
async function must(person: Person, document: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  unchangedTable = undefined;
  const answer = await callHttp(tokenIdentity(twin.graphqlUrl, people[person].accessToken), document, variables);
  if (answer.status !== 200 || answer.body.errors) throw new Error(`${person}: ${JSON.stringify(answer)}`);
  return answer.body.data ?? {};
}

async function newScene(roomName: string): Promise<Scene> {
  const { createRoom } = await must('owen', 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: roomName });
  const roomId = (createRoom as { id: string }).id;
  const { sendMessage } = await must('owen', 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id } }', { r: roomId, c: HELLO, k: randomUUID() });
  for (const person of ['mia', 'alice', 'rex'] as const) await must(person, JOIN_ROOM, { roomId });
  await must('alice', 'mutation($r: ID!, $u: String!) { removeMember(roomId: $r, userId: $u) { id } }', { r: roomId, u: people.rex.sub });
  return { roomId, roomName, messageId: (sendMessage as { id: string }).id };
}

async function signIn(person: Person): Promise<void> {
  const tokens = await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, person, PASSWORDS[person]);
  people[person] = { sub: twin.pool.getUser(person).sub, username: person, ...tokens };
}

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  schema = loadApiSchema();
  dynamodb = createLocalDynamoDBClient(twin.dynamodbEndpoint);
  for (const [person, groups] of Object.entries(NEW_USERS) as Array<[Person, string[]]>) {
    twin.pool.createUser({ username: person, password: PASSWORDS[person], attributes: { email: `${person}@example.com`, email_verified: 'true' } });
    for (const group of groups) twin.pool.addUserToGroup(person, group);
  }
  await Promise.all((Object.keys(PASSWORDS) as Person[]).map(signIn));

  shared = await newScene('the matrix');
  shared.reportId = await reportWaiting(shared);
  // carol was a Member when she joined and has since left every group: still a member of the
  // room, so only the group check stands between her and it.
  twin.pool.addUserToGroup('carol', 'Members');
  await signIn('carol');
  await must('carol', JOIN_ROOM, { roomId: shared.roomId });
  twin.pool.removeUserFromGroup('carol', 'Members');
  await signIn('carol');

  const owner = people.owen.accessToken;
  const now = Math.floor(Date.now() / 1000);
  const built: Record<IdentityName, Identity | string> = {
    'no credentials': anonymousIdentity(twin.graphqlUrl),
    'malformed "abc"': 'abc',
    'malformed "Bearer x"': 'Bearer x',
    'malformed "..."': '...',
    'forged: another RSA key under the pool kid': await signedWithAnotherKey(owner),
    'forged: alg none': unsignedToken(owner),
    'forged: payload edited after signing': editedAfterSigning(owner, (c) => ({ ...c, 'cognito:groups': ['Admins', 'Members'] })),
    expired: await resignedByPool(twin.pool, 'access', owner, (c) => ({ ...c, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 })),
    'another app client': await resignedByPool(twin.pool, 'access', owner, (c) => ({ ...c, client_id: ANOTHER_CLIENT_ID })),
    'no group (carol, a member)': people.carol.accessToken,
    'Member outside the room (bob)': people.bob.accessToken,
    'Member in the room (mia)': people.mia.accessToken,
    'owner (owen)': owner,
    'owner with an ID token': people.owen.idToken,
    'Admin in the room (alice)': people.alice.accessToken,
    'Admin outside the room (adam)': people.adam.accessToken,
    IAM: iamIdentity(twin.graphqlUrl, twin.region, twin.accessKey),
    'IAM, bad signature': iamIdentity(twin.graphqlUrl, twin.region, { accessKeyId: twin.accessKey.accessKeyId, secretAccessKey: 'not-the-secret' }),
  };
  for (const name of IDENTITIES) {
    const value = built[name];
    identities[name] = typeof value === 'string' ? tokenIdentity(twin.graphqlUrl, value) : value;
  }
}, 60000);

afterAll(async () => {
  await Promise.all([...openProbes].map((probe) => probe.close()));
  dynamodb?.destroy();
  await twin?.stop();
}, 60000);

// ---------------------------------------------------------------------------------------------
// The cells

function rootTypesOf(api: GraphQLSchema): GraphQLObjectType[] {
  return [api.getQueryType(), api.getMutationType(), api.getSubscriptionType()].filter((type): type is GraphQLObjectType => Boolean(type));
}

/** The root field behind an operation name, from the schema. */
function rootField(operation: OperationName): { typeName: string; fieldName: string; nullable: boolean } {
  const [typeName, fieldName] = operation.split('.') as [string, string];
  const field = rootTypesOf(schema).find((type) => type.name === typeName)?.getFields()[fieldName];
  if (!field) throw new Error(`${operation} is not in the schema`);
  return { typeName, fieldName, nullable: !isNonNullType(field.type) };
}

/** Where the root field starts in a one-line document. */
function locationOf(document: string, fieldName: string) {
  return { line: 1, column: document.indexOf(` ${fieldName}`) + 2, sourceName: null };
}

/** AppSync's HTTP answer for a refusal. */
function refusal(expected: Exclude<Expected, { answer: 'allowed' }>, operation: OperationName): HttpAnswer {
  if (expected.answer === 'unauthenticated') {
    return { status: 401, errorType: 'UnauthorizedException', body: { errors: [{ errorType: 'UnauthorizedException', message: expected.message }] } };
  }
  if (expected.answer === 'bad signature') {
    return { status: 403, errorType: 'InvalidSignatureException', body: { errors: [{ errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH }] } };
  }
  const { typeName, fieldName, nullable } = rootField(operation);
  return {
    status: 200,
    errorType: null,
    body: {
      // A null non-null root field nulls the whole data (GraphQL's propagation).
      data: nullable ? { [fieldName]: null } : null,
      errors: [
        {
          path: [fieldName],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [locationOf(operations[operation].document, fieldName)],
          // The resolvers' wording is theirs; the directives' is AppSync's.
          message: expected.answer === 'denied' ? `Not Authorized to access ${fieldName} on type ${typeName}` : expect.any(String),
        },
      ],
    },
  };
}

async function httpCell(operation: Exclude<OperationName, `Subscription.${string}`>, identity: IdentityName, expected: Expected): Promise<void> {
  const definition: Operation = operations[operation];
  // A call that changes state gets a room of its own, so the cells stay independent.
  let scene = shared;
  if (expected.answer === 'allowed' && operation.startsWith('Mutation.')) {
    scene = await newScene(`${operation} by ${identity}`);
    scene = (await definition.setUp?.(scene)) ?? scene;
  }
  const before = await tableBefore();
  const answer = await callHttp(identities[identity], definition.document, definition.variables(scene));
  const after = await snapshot();
  if (expected.answer !== 'allowed') {
    expect(answer).toEqual(refusal(expected, operation));
    expect(after).toEqual(before);
    unchangedTable = after;
    return;
  }
  expect({ status: answer.status, errorType: answer.errorType, errors: answer.body.errors }).toEqual({ status: 200, errorType: null, errors: undefined });
  await definition.allowed?.({ data: answer.body.data ?? {}, caller: callerOf(identity), scene, before, after });
}

async function realtimeCell(operation: Extract<OperationName, `Subscription.${string}`>, identity: IdentityName, expected: Expected): Promise<void> {
  const definition: Operation = operations[operation];
  const before = await tableBefore();
  const subscriptions = twin.subscriptionCount();
  const probe = await RealtimeProbe.open(twin.realtimeUrl, await identities[identity].connectionHeader(), twin.caCert);
  openProbes.add(probe);
  const handshake = await probe.handshake();
  if (expected.answer === 'unauthenticated' || expected.answer === 'bad signature') {
    // UNVERIFIED for a bad SigV4 signature: AWS documents this one connect-time auth failure.
    expect(handshake).toEqual({ type: 'connection_error', payload: { errors: [CONNECTION_REFUSED] } });
    await probe.closed; // AppSync closes the connection after a connection error
  } else {
    expect(handshake).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    const id = randomUUID();
    const data = JSON.stringify({ query: definition.document, variables: definition.variables(shared) });
    const answer = await probe.start(id, data, await identities[identity].startAuthorization(data));
    if (expected.answer === 'allowed') {
      expect(answer).toEqual({ type: 'start_ack', id });
      expect(twin.subscriptionCount()).toBe(subscriptions + 1);
      expect(await probe.stop(id)).toEqual({ type: 'complete', id });
    } else {
      const { fieldName, typeName } = rootField(operation);
      const message = expected.answer === 'denied' ? `Not Authorized to access ${fieldName} on type ${typeName}` : expect.any(String);
      expect(answer).toEqual({ type: 'error', id, payload: { errors: [{ errorType: 'Unauthorized', message }] } });
    }
    await probe.close();
  }
  openProbes.delete(probe);
  expect(twin.subscriptionCount()).toBe(subscriptions);
  const after = await snapshot();
  expect(after).toEqual(before);
  unchangedTable = after;
}

function isSubscription(operation: OperationName): operation is Extract<OperationName, `Subscription.${string}`> {
  return operation.startsWith('Subscription.');
}

describe('the authorization matrix', () => {
  it('has a row for every root field of the schema, and none for a field it lacks', () => {
    const fields = rootTypesOf(loadApiSchema()).flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    expect({
      withoutRow: fields.filter((field) => !(field in matrix)),
      notInSchema: Object.keys(matrix).filter((field) => !fields.includes(field)),
    }).toEqual({ withoutRow: [], notInSchema: [] });
  });

  const cells = (Object.keys(matrix) as OperationName[]).flatMap((operation) =>
    IDENTITIES.map((identity) => ({ operation, identity, expected: matrix[operation][identity] })),
  );

  it.each(cells)('$operation as $identity: $expected.answer', async ({ operation, identity, expected }) => {
    if (isSubscription(operation)) {
      await realtimeCell(operation, identity, expected);
    } else {
      await httpCell(operation, identity, expected);
    }
  });
});
