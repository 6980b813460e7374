import { bundleFunction } from '../../resolvers/bundle';
import { EARLIER, ROOM_ID, alice, bob, cognitoIdentity, context, evaluate, memberItem, throttled } from './helpers';

const code = bundleFunction('queryMyRooms');

function myRoomsContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Query', fieldName: 'myRooms', args: {}, identity: cognitoIdentity(bob), ...extra });
}

describe('functions/queryMyRooms', () => {
  it('queries the caller’s memberships on GSI1', async () => {
    const out = await evaluate(code, 'request', myRoomsContext());
    expect(out.result).toEqual({
      operation: 'Query',
      index: 'GSI1',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'GSI1PK' }, expressionValues: { ':pk': { S: `USER#${bob.sub}` } } },
    });
  });

  it('turns membership items into Rooms', async () => {
    const other = '01HZY3MD0000000000000000QQ';
    const secondRoom = { ...memberItem(bob), PK: `ROOM#${other}`, GSI1SK: `ROOM#${other}`, roomId: other, roomName: 'Random', roomCreatedBy: bob.sub };
    const out = await evaluate(code, 'response', myRoomsContext({ result: { items: [memberItem(bob), secondRoom], nextToken: null, scannedCount: 2 } }));
    expect(out.result).toEqual([
      { id: ROOM_ID, name: 'General', createdBy: alice.sub, createdAt: EARLIER },
      { id: other, name: 'Random', createdBy: bob.sub, createdAt: EARLIER },
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
