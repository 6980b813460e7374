import { bundleFunction } from '../../resolvers/bundle';
import { EARLIER, MESSAGE_ID, ROOM_ID, alice, bob, cognitoIdentity, context, evaluate, memberItem, throttled } from './helpers';

const code = bundleFunction('queryMyRooms');

function myRoomsContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Query', fieldName: 'myRooms', args: {}, identity: cognitoIdentity(bob), ...extra });
}

describe('functions/queryMyRooms', () => {
  it('queries the caller’s memberships on GSI1 (ROOM#..., not the invitations beside them)', async () => {
    const out = await evaluate(code, 'request', myRoomsContext());
    expect(out.result).toEqual({
      operation: 'Query',
      index: 'GSI1',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
        expressionValues: { ':pk': { S: `USER#${bob.sub}` }, ':sk': { S: 'ROOM#' } },
      },
    });
  });

  it('turns membership items into Rooms with the caller’s read marker and the mark Room.unreadCount/lastMessage need', async () => {
    const other = '01HZY3MD0000000000000000QQ';
    const secondRoom = {
      ...memberItem(bob),
      PK: `ROOM#${other}`,
      GSI1SK: `ROOM#${other}`,
      roomId: other,
      roomName: 'Random',
      roomCreatedBy: bob.sub,
      roomVisibility: 'PRIVATE',
      lastReadMessageId: MESSAGE_ID,
    };
    const out = await evaluate(code, 'response', myRoomsContext({ result: { items: [memberItem(bob), secondRoom], nextToken: null, scannedCount: 2 } }));
    expect(out.result).toEqual([
      // A membership from before private rooms has no roomVisibility: it was public.
      { id: ROOM_ID, name: 'General', createdBy: alice.sub, createdAt: EARLIER, visibility: 'PUBLIC', lastReadMessageId: null, memberView: true },
      { id: other, name: 'Random', createdBy: bob.sub, createdAt: EARLIER, visibility: 'PRIVATE', lastReadMessageId: MESSAGE_ID, memberView: true },
    ]);
  });

  it('returns an empty list for a user in no room', async () => {
    const out = await evaluate(code, 'response', myRoomsContext({ result: { items: [], nextToken: null, scannedCount: 0 } }));
    expect(out.result).toEqual([]);
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', myRoomsContext({ error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
