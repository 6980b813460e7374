/**
 * functions/addReaction and functions/removeReaction: one string set of user ids per emoji on the
 * message item, so react/unreact are idempotent and count/mine come from the item alone.
 */
import { bundleFunction } from '../../resolvers/bundle';
import { MESSAGE_ID, ROOM_ID, alice, bob, cognitoIdentity, conditionalCheckFailed, context, evaluate, message, messageItem, throttled, type User } from './helpers';

const addCode = bundleFunction('addReaction');
const removeCode = bundleFunction('removeReaction');
const key = { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } };

function reactContext(fieldName: 'react' | 'unreact', user: User, extra: { result?: unknown; error?: { message: string; type: string } } = {}, emoji = '👍') {
  return context({ typeName: 'Mutation', fieldName, args: { roomId: ROOM_ID, messageId: MESSAGE_ID, emoji }, identity: cognitoIdentity(user), ...extra });
}

describe('functions/addReaction', () => {
  it('adds the caller to the emoji’s set if the message exists, is not deleted and the set is below 500 or already holds them', async () => {
    const out = await evaluate(addCode, 'request', reactContext('react', bob));
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key,
      update: { expression: 'ADD #users :caller', expressionNames: { '#users': 'REACT#👍' }, expressionValues: { ':caller': { SS: [bob.sub] } } },
      condition: {
        expression: 'attribute_exists(#pk) AND #deleted = :notDeleted AND (attribute_not_exists(#users) OR size(#users) < :cap OR contains(#users, :callerId))',
        expressionNames: { '#pk': 'PK', '#deleted': 'deleted', '#users': 'REACT#👍' },
        expressionValues: { ':notDeleted': { BOOL: false }, ':cap': { N: 500 }, ':callerId': { S: bob.sub } },
      },
    });
  });

  it('returns the message with counts in allow-list order and the caller’s own reactions marked', async () => {
    const stored = messageItem(alice, { 'REACT#🎉': [alice.sub], 'REACT#👍': [alice.sub, bob.sub] });
    const out = await evaluate(addCode, 'response', reactContext('react', bob, { result: stored }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(
      message(alice, {
        reactions: [
          { emoji: '👍', count: 2, mine: true },
          { emoji: '🎉', count: 1, mine: false },
        ],
      }),
    );
  });

  it.each([
    ['an unknown message', null, 'Message not found', 'NotFound'],
    ['a deleted message', messageItem(alice, { deleted: true, content: '' }), 'The message is deleted', 'Conflict'],
    ['an emoji 500 others chose', messageItem(alice, { 'REACT#👍': Array.from({ length: 500 }, (_, i) => `user-${i}`) }), 'At most 500 users can choose one emoji on a message', 'LimitExceeded'],
  ])('refuses %s', async (_case, stored, messageText, errorType) => {
    const out = await evaluate(addCode, 'response', reactContext('react', bob, { error: conditionalCheckFailed, result: stored }));
    expect(out.errorMessage).toBe(messageText);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });

  it('passes on any other DynamoDB error with its type', async () => {
    const out = await evaluate(addCode, 'response', reactContext('react', bob, { error: throttled, result: null }));
    expect(out.errorType).toBe(throttled.type);
  });
});

describe('functions/removeReaction', () => {
  it('removes the caller from the emoji’s set of an existing message', async () => {
    const out = await evaluate(removeCode, 'request', reactContext('unreact', bob, {}, '❤️'));
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key,
      update: { expression: 'DELETE #users :caller', expressionNames: { '#users': 'REACT#❤️' }, expressionValues: { ':caller': { SS: [bob.sub] } } },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'PK' } },
    });
  });

  it('returns the message without the emoji once its set is gone', async () => {
    const out = await evaluate(removeCode, 'response', reactContext('unreact', bob, { result: messageItem(alice, { 'REACT#👀': [alice.sub] }) }, '❤️'));
    expect(out.result).toEqual(message(alice, { reactions: [{ emoji: '👀', count: 1, mine: false }] }));
  });

  it.each([
    ['an unknown message', { error: conditionalCheckFailed, result: null }, 'Message not found', 'NotFound'],
    ['throttling', { error: throttled, result: null }, throttled.message, throttled.type],
  ])('refuses %s', async (_case, failure, messageText, errorType) => {
    const out = await evaluate(removeCode, 'response', reactContext('unreact', bob, failure));
    expect(out.errorMessage).toBe(messageText);
    expect(out.errorType).toBe(errorType);
  });
});

describe('reactions on any returned message', () => {
  it('are empty on a deleted message, whatever its sets hold', async () => {
    const out = await evaluate(removeCode, 'response', reactContext('unreact', bob, { result: messageItem(alice, { deleted: true, content: '', 'REACT#👍': [bob.sub] }) }));
    expect(out.result).toEqual(message(alice, { deleted: true, content: '', reactions: [] }));
  });
});
