/**
 * Read state: functions/setLastRead (markRead, forward only), functions/countUnread and
 * functions/queryLastMessage (Room.unreadCount / Room.lastMessage), and the Room field resolvers
 * that answer only on rooms myRooms returned.
 */
import { bundleFunction, bundleResolver } from '../../resolvers/bundle';
import {
  MESSAGE_ID,
  ROOM_ID,
  TABLE_NAME,
  alice,
  bob,
  cancelledTransaction,
  cognitoIdentity,
  context,
  evaluate,
  message,
  messageItem,
  memberItem,
  room,
  throttled,
} from './helpers';

const LATER_ID = '01HZY3MC0000000000000000ZZ';
const memberRoom = { ...room, lastReadMessageId: MESSAGE_ID, memberView: true };

function markContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}, messageId = MESSAGE_ID) {
  return context({ typeName: 'Mutation', fieldName: 'markRead', args: { roomId: ROOM_ID, messageId }, identity: cognitoIdentity(bob), ...extra });
}

describe('functions/setLastRead', () => {
  const code = bundleFunction('setLastRead');

  it('checks the message exists and moves the caller’s marker only forward, in one transaction', async () => {
    const out = await evaluate(code, 'request', markContext());
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: TABLE_NAME,
          operation: 'ConditionCheck',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } },
          condition: { expression: 'attribute_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
        {
          table: TABLE_NAME,
          operation: 'UpdateItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${bob.sub}` } },
          update: { expression: 'SET #read = :messageId', expressionNames: { '#read': 'lastReadMessageId' }, expressionValues: { ':messageId': { S: MESSAGE_ID } } },
          condition: {
            expression: 'attribute_exists(#pk) AND (attribute_not_exists(#read) OR #read < :messageId)',
            expressionNames: { '#pk': 'PK', '#read': 'lastReadMessageId' },
            expressionValues: { ':messageId': { S: MESSAGE_ID } },
            returnValuesOnConditionCheckFailure: true,
          },
        },
      ],
    });
  });

  it('returns the new marker', async () => {
    const out = await evaluate(code, 'response', markContext({ result: { keys: [], cancellationReasons: null } }));
    expect(out.result).toEqual({ roomId: ROOM_ID, lastReadMessageId: MESSAGE_ID });
  });

  it('keeps a later marker and returns it (never moves back)', async () => {
    const failure = cancelledTransaction('None', 'ConditionalCheckFailed');
    (failure.result.cancellationReasons as Array<Record<string, unknown>>)[1].item = { ...memberItem(bob), lastReadMessageId: LATER_ID };
    const out = await evaluate(code, 'response', markContext(failure));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({ roomId: ROOM_ID, lastReadMessageId: LATER_ID });
  });

  it.each([
    ['an unknown message', cancelledTransaction('ConditionalCheckFailed', 'None'), 'Message not found', 'NotFound'],
    ['a membership that ended meanwhile', cancelledTransaction('None', 'ConditionalCheckFailed'), 'Not a member of this room', 'Unauthorized'],
    ['a concurrent markRead', cancelledTransaction('None', 'TransactionConflict'), 'The read marker is being changed by another request; retry', 'Conflict'],
    ['throttling', { error: throttled, result: null }, throttled.message, throttled.type],
  ])('refuses %s', async (_case, failure, messageText, errorType) => {
    const out = await evaluate(code, 'response', markContext(failure));
    expect(out.errorMessage).toBe(messageText);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });
});

function roomFieldContext(fieldName: string, source: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return { ...context({ typeName: 'Room', fieldName, args: {}, identity: cognitoIdentity(bob), ...extra }), source };
}

describe('functions/countUnread', () => {
  const code = bundleFunction('countUnread');

  it.each([
    ['after the marker', memberRoom, `MSG#${MESSAGE_ID}!`],
    ['from the first message when nothing was read', { ...memberRoom, lastReadMessageId: null }, 'MSG#'],
  ])('reads at most 100 not-deleted message keys %s', async (_case, source, from) => {
    const out = await evaluate(code, 'request', roomFieldContext('unreadCount', source));
    expect(out.result).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        expressionNames: { '#pk': 'PK', '#sk': 'SK' },
        expressionValues: { ':pk': { S: `ROOM#${ROOM_ID}` }, ':from': { S: from }, ':to': { S: 'MSG#~' } },
      },
      filter: { expression: '#deleted = :notDeleted', expressionNames: { '#deleted': 'deleted' }, expressionValues: { ':notDeleted': { BOOL: false } } },
      projection: { expression: '#sk', expressionNames: { '#sk': 'SK' } },
      limit: 100,
    });
  });

  it.each([
    ['none', [], null, 0],
    ['three', [{ SK: 'MSG#1' }, { SK: 'MSG#2' }, { SK: 'MSG#3' }], null, 3],
    ['a full page (100 or more)', Array.from({ length: 97 }, (_, i) => ({ SK: `MSG#${i}` })), 'more', 100],
  ])('counts %s', async (_case, items, nextToken, count) => {
    const out = await evaluate(code, 'response', roomFieldContext('unreadCount', memberRoom, { result: { items, nextToken, scannedCount: items.length } }));
    expect(out.result).toBe(count);
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', roomFieldContext('unreadCount', memberRoom, { error: throttled, result: null }));
    expect(out.errorType).toBe(throttled.type);
  });
});

describe('functions/queryLastMessage', () => {
  const code = bundleFunction('queryLastMessage');

  it('reads the newest message of the room', async () => {
    const out = await evaluate(code, 'request', roomFieldContext('lastMessage', memberRoom));
    expect(out.result).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'PK', '#sk': 'SK' },
        expressionValues: { ':pk': { S: `ROOM#${ROOM_ID}` }, ':sk': { S: 'MSG#' } },
      },
      scanIndexForward: false,
      limit: 1,
    });
  });

  it.each([
    ['the message, as the caller sees it', [messageItem(alice, { 'REACT#🔥': [bob.sub] })], message(alice, { reactions: [{ emoji: '🔥', count: 1, mine: true }] })],
    ['null in a room without messages', [], null],
  ])('returns %s', async (_case, items, expected) => {
    const out = await evaluate(code, 'response', roomFieldContext('lastMessage', memberRoom, { result: { items, nextToken: null, scannedCount: items.length } }));
    expect(out.result).toEqual(expected);
  });
});

describe.each(['unreadCount', 'lastMessage'])('Room.%s', (fieldName) => {
  const code = bundleResolver('Room', fieldName);

  it('runs its step on a room myRooms returned', async () => {
    const out = await evaluate(code, 'request', roomFieldContext(fieldName, memberRoom));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    const after = await evaluate(code, 'response', { ...roomFieldContext(fieldName, memberRoom), prev: { result: 7 } });
    expect(after.result).toBe(7);
  });

  it.each([
    ['getRoom, listPublicRooms or a mutation (no member view)', room],
    ['a forged mark that is not true', { ...room, memberView: 'yes' }],
  ])('is null, reading nothing, on a room from %s', async (_case, source) => {
    const out = await evaluate(code, 'request', roomFieldContext(fieldName, source));
    expect(out.result).toBeNull();
    const after = await evaluate(code, 'response', { ...roomFieldContext(fieldName, source), prev: { result: 7 } });
    expect(after.result).toBeNull();
  });
});
