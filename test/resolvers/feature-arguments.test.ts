/**
 * The before handlers of issue 12's fields: every argument is checked before any read or write,
 * so a bad one answers ValidationError with nothing stashed (nothing is then read or written),
 * and good ones stash what the steps need, with times from the server.
 */
import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, BAD_USER_IDS, ISO_8601_UTC, MESSAGE_ID, ROOM_ID, bob, cognitoIdentity, context, evaluate } from './helpers';

const ULID_MESSAGE = (argument: string) => `${argument} must be a ULID (26 characters of Crockford base32)`;
const EMOJI_MESSAGE = 'emoji must be one of 👍 👎 ❤️ 😂 😮 😢 🎉 🙏 👀 🔥 ✅ 🚀';

async function before(typeName: string, fieldName: string, args: Record<string, unknown>) {
  return evaluate(bundleResolver(typeName, fieldName), 'request', context({ typeName, fieldName, args, identity: cognitoIdentity(bob) }));
}

const goodArgs: Array<[string, string, Record<string, unknown>]> = [
  ['Mutation', 'setTyping', { roomId: ROOM_ID }],
  ['Mutation', 'heartbeat', { roomId: ROOM_ID }],
  ['Query', 'presence', { roomId: ROOM_ID }],
  ['Mutation', 'react', { roomId: ROOM_ID, messageId: MESSAGE_ID, emoji: '👍' }],
  ['Mutation', 'unreact', { roomId: ROOM_ID, messageId: MESSAGE_ID, emoji: '❤️' }],
  ['Mutation', 'markRead', { roomId: ROOM_ID, messageId: MESSAGE_ID }],
  ['Mutation', 'inviteMember', { roomId: ROOM_ID, userId: 'user-2' }],
  ['Mutation', 'acceptInvite', { roomId: ROOM_ID }],
];

/** Each field x each argument it checks x each bad value. */
const badCases: Array<[string, string, string, unknown, string]> = [];
for (const [typeName, fieldName, args] of goodArgs) {
  for (const [why, value] of BAD_ULIDS) badCases.push([`${typeName}.${fieldName}`, `roomId ${why}`, 'roomId', value, ULID_MESSAGE('roomId')]);
  if ('messageId' in args) {
    for (const [why, value] of BAD_ULIDS) badCases.push([`${typeName}.${fieldName}`, `messageId ${why}`, 'messageId', value, ULID_MESSAGE('messageId')]);
  }
  if ('emoji' in args) {
    for (const [why, value] of [
      ['empty', ''],
      ['text', 'thumbs up'],
      ['an emoji not on the list', '🦄'],
      ['two emoji', '👍👍'],
      ['the heart without its variation selector', '❤'],
      ['an emoji with a skin tone', '👍🏽'],
      ['an emoji with a space', '👍 '],
    ]) {
      badCases.push([`${typeName}.${fieldName}`, `emoji ${why}`, 'emoji', value, EMOJI_MESSAGE]);
    }
  }
  if ('userId' in args) {
    for (const [why, value] of BAD_USER_IDS) badCases.push([`${typeName}.${fieldName}`, `userId ${why}`, 'userId', value, 'userId must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -']);
  }
}

describe('issue 12 before handlers', () => {
  it.each(badCases)('%s refuses %s with ValidationError and stashes nothing', async (field, _why, argument, value, message) => {
    const [typeName, fieldName] = field.split('.');
    const args = { ...goodArgs.find(([t, f]) => t === typeName && f === fieldName)?.[2], [argument]: value };
    const out = await before(typeName, fieldName, args);
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    expect(out.stash).toEqual({});
  });

  it.each([
    ['setTyping', 'Mutation'],
    ['heartbeat', 'Mutation'],
  ])('%s stashes the server time, in milliseconds and ISO 8601, for the rate condition and the event', async (fieldName, typeName) => {
    const started = Date.now();
    const out = await before(typeName, fieldName, { roomId: ROOM_ID });
    expect(out.errorMessage).toBeUndefined();
    const stash = out.stash as { nowMs: number; now: string };
    expect(stash).toEqual({ nowMs: expect.any(Number), now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/) });
    // One clock reading: the ISO time is the millisecond time (to its precision).
    expect(Math.abs(Date.parse(stash.now) - stash.nowMs)).toBeLessThan(1000);
    expect(stash.nowMs).toBeGreaterThanOrEqual(started - 1000);
  });

  it('inviteMember stashes the invitee and the time; acceptInvite always needs the invitation', async () => {
    const invite = await before('Mutation', 'inviteMember', { roomId: ROOM_ID, userId: 'user-2' });
    expect(invite.stash).toEqual({ invitedUserId: 'user-2', now: expect.stringMatching(ISO_8601_UTC) });
    const accept = await before('Mutation', 'acceptInvite', { roomId: ROOM_ID });
    expect(accept.stash).toEqual({ now: expect.stringMatching(ISO_8601_UTC), needsInvitation: true });
  });

  it.each(['👍', '👎', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀', '🔥', '✅', '🚀'])('react takes the allow-listed emoji %s', async (emoji) => {
    const out = await before('Mutation', 'react', { roomId: ROOM_ID, messageId: MESSAGE_ID, emoji });
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
  });

  it.each([
    ['0', 0],
    ['101', 101],
    ['-1', -1],
  ])('listPublicRooms refuses a limit of %s with ValidationError', async (_why, limit) => {
    const out = await before('Query', 'listPublicRooms', { limit });
    expect(out.errorMessage).toBe('limit must be between 1 and 100');
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });

  it.each([
    ['absent', undefined, 50],
    ['1', 1, 1],
    ['100', 100, 100],
  ])('listPublicRooms takes a limit %s (page size %d)', async (_why, limit, size) => {
    const out = await before('Query', 'listPublicRooms', limit === undefined ? {} : { limit });
    expect(out.stash).toEqual({ limit: size });
  });
});
