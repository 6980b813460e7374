import { bundleFunction } from '../../resolvers/bundle';
import { EARLIER, ROOM_ID, bob, carolAdmin, cognitoIdentity, context, evaluate, iamIdentity, room, throttled } from './helpers';

const code = bundleFunction('deleteBan');

function unbanContext(identity: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'unbanMember',
    args: { roomId: ROOM_ID, userId: bob.sub },
    identity,
    stash: { room, bannedUserId: bob.sub },
    ...extra,
  });
}

describe('functions/deleteBan', () => {
  it.each([
    ['an admin', cognitoIdentity(carolAdmin)],
    ['an operator (IAM)', iamIdentity],
  ])('deletes the ban of stash.bannedUserId for %s', async (_who, identity) => {
    const out = await evaluate(code, 'request', unbanContext(identity));
    expect(out.result).toEqual({ operation: 'DeleteItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `BAN#${bob.sub}` } } });
  });

  it.each([
    ['the deleted ban', { PK: `ROOM#${ROOM_ID}`, SK: `BAN#${bob.sub}`, roomId: ROOM_ID, userId: bob.sub, bannedBy: carolAdmin.sub, bannedAt: EARLIER }],
    ['nothing, when there was no ban', null],
  ])('returns the room whether DynamoDB returns %s', async (_case, result) => {
    const out = await evaluate(code, 'response', unbanContext(cognitoIdentity(carolAdmin), { result }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('passes on DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', unbanContext(cognitoIdentity(carolAdmin), { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
