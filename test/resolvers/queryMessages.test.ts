import { bundleFunction } from '../../resolvers/bundle';
import { ROOM_ID, alice, bob, cognitoIdentity, context, evaluate, iamIdentity, message, messageItem, throttled } from './helpers';

const code = bundleFunction('queryMessages');

function listContext(args: Record<string, unknown>, limit: number, extra: { result?: unknown; error?: { message: string; type: string } } = {}, identity = cognitoIdentity(alice)) {
  return context({ typeName: 'Query', fieldName: 'listMessages', args: { roomId: ROOM_ID, ...args }, identity, stash: { limit }, ...extra });
}

const keyCondition = {
  expression: '#pk = :pk AND begins_with(#sk, :sk)',
  expressionNames: { '#pk': 'PK', '#sk': 'SK' },
  expressionValues: { ':pk': { S: `ROOM#${ROOM_ID}` }, ':sk': { S: 'MSG#' } },
};

describe('functions/queryMessages request', () => {
  it('queries the room’s messages newest first, one page of stash.limit', async () => {
    const out = await evaluate(code, 'request', listContext({}, 50));
    expect(out.result).toEqual({ operation: 'Query', query: keyCondition, scanIndexForward: false, limit: 50 });
  });

  it('passes the nextToken of the previous page on', async () => {
    const out = await evaluate(code, 'request', listContext({ limit: 2, nextToken: 'eyJ2ZXJzaW9uIjoyLCJ0b2tlbiI6IkFRSUNBSGg5' }, 2, {}, iamIdentity));
    expect(out.result).toEqual({
      operation: 'Query',
      query: keyCondition,
      scanIndexForward: false,
      limit: 2,
      nextToken: 'eyJ2ZXJzaW9uIjoyLCJ0b2tlbiI6IkFRSUNBSGg5',
    });
  });
});

describe('functions/queryMessages response', () => {
  it('returns the page as Messages without the table keys, with the next token', async () => {
    const newer = '01HZY3MC0000000000000000ZZ';
    const result = {
      items: [messageItem(bob, { id: newer, SK: `MSG#${newer}`, content: 'newer' }), messageItem(alice, { editedAt: '2026-11-22T16:30:00.000Z', deleted: true, content: '' })],
      nextToken: 'eyJ2ZXJzaW9uIjoyLCJ0b2tlbiI6IkFRSUNBSGg5',
      scannedCount: 2,
    };
    const out = await evaluate(code, 'response', listContext({}, 2, { result }));
    expect(out.result).toEqual({
      items: [message(bob, { id: newer, content: 'newer' }), message(alice, { editedAt: '2026-11-22T16:30:00.000Z', deleted: true, content: '' })],
      nextToken: 'eyJ2ZXJzaW9uIjoyLCJ0b2tlbiI6IkFRSUNBSGg5',
    });
  });

  it('returns an empty last page with a null nextToken', async () => {
    const out = await evaluate(code, 'response', listContext({}, 50, { result: { items: [], nextToken: null, scannedCount: 0 } }));
    expect(out.result).toEqual({ items: [], nextToken: null });
  });

  it.each([
    ['refused before DynamoDB (AppSync cannot decrypt it)', { type: 'MappingTemplate', message: 'Invalid nextToken: it is malformed, was altered, or belongs to another query.' }],
    ['refused by DynamoDB (a start key of another query)', { type: 'DynamoDB:ValidationException', message: 'The provided starting key is invalid' }],
  ])('answers ValidationError for a bad nextToken %s', async (_case, error) => {
    const out = await evaluate(code, 'response', listContext({ nextToken: 'djEuZm9vLmJhcg' }, 50, { error, result: null }));
    expect(out.errorMessage).toBe('nextToken is not a token of this room’s messages');
    expect(out.errorType).toBe('ValidationError');
  });

  it('passes on the same errors as they are when no nextToken was given', async () => {
    const error = { type: 'DynamoDB:ValidationException', message: 'One or more parameter values were invalid' };
    const out = await evaluate(code, 'response', listContext({}, 50, { error, result: null }));
    expect(out.errorMessage).toBe(error.message);
    expect(out.errorType).toBe(error.type);
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', listContext({}, 50, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});

describe('functions/queryMessages response on a full page', () => {
  // A page of 100 (the most listMessages asks for): each message's reactions are looked up for
  // every allowed emoji, 1,200 loop iterations in one handler. The twin's loop quota once
  // stopped this at 1,000.
  it('returns all 100 messages of a page of the largest limit', async () => {
    // Only the attributes a Message reads, so that 100 of them fit EvaluateCode's 28,000-character context.
    const items = Array.from({ length: 100 }, (_, i) => ({ roomId: ROOM_ID, id: `m${i}`, senderId: bob.sub, sender: 'bob', content: `m${i}`, createdAt: '2026-12-03T00:00:00Z', deleted: false }));
    const out = await evaluate(code, 'response', listContext({ limit: 100 }, 100, { result: { items, nextToken: null, scannedCount: 100 } }));
    expect(out.errorMessage).toBeUndefined();
    const page = out.result as { items: Array<{ content: string; reactions: unknown[] }>; nextToken: string | null };
    expect({ count: page.items.length, last: page.items[99]?.content, reactions: page.items[0]?.reactions, nextToken: page.nextToken }).toEqual({ count: 100, last: 'm99', reactions: [], nextToken: null });
  });
});
