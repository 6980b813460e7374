import { bundleFunction } from '../../resolvers/bundle';
import { ROOM_ID, bob, cognitoIdentity, context, evaluate, room, roomItem, throttled } from './helpers';

const code = bundleFunction('requireRoom');

function joinContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Mutation', fieldName: 'joinRoom', args: { roomId: ROOM_ID }, identity: cognitoIdentity(bob), ...extra });
}

describe('functions/requireRoom', () => {
  it('reads the room consistently', async () => {
    const out = await evaluate(code, 'request', joinContext());
    expect(out.result).toEqual({ operation: 'GetItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: 'META' } }, consistentRead: true });
  });

  it('returns and stashes the room (a room stored before visibility existed is PUBLIC)', async () => {
    const out = await evaluate(code, 'response', joinContext({ result: roomItem() }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
    expect(out.stash).toEqual({ room });
  });

  it('asks for an invitation when the room is private', async () => {
    const out = await evaluate(code, 'response', joinContext({ result: { ...roomItem(), visibility: 'PRIVATE' } }));
    expect(out.result).toEqual({ ...room, visibility: 'PRIVATE' });
    expect(out.stash).toEqual({ room: { ...room, visibility: 'PRIVATE' }, needsInvitation: true });
  });

  it('answers NotFound for an unknown room', async () => {
    const out = await evaluate(code, 'response', joinContext({ result: null }));
    expect(out.errorMessage).toBe('Room not found');
    expect(out.errorType).toBe('NotFound');
    expect(out.stash).toEqual({});
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', joinContext({ error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
