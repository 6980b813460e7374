/**
 * The pure helpers of resolvers/lib, directly. The npm package @aws-appsync/utils ships an empty
 * `util` object (the runtime provides the real one), so the errors test puts a recording
 * util.error on it for the length of the test.
 */
import { util } from '@aws-appsync/utils';
import { conflict, dataSourceError, notFound, storedItemAfterFailedCondition, unauthorized, validationError } from '../../resolvers/lib/errors';
import { banKey, memberIndexKey, memberKey, messageKey, roomKey, roomPartition, sendRecordKey, userPartition } from '../../resolvers/lib/keys';
import { tableDefinition } from '../../infra/table-definition';

describe('resolvers/lib/keys', () => {
  it('builds every key of the data model', () => {
    expect(roomPartition('R1')).toBe('ROOM#R1');
    expect(userPartition('u-1')).toBe('USER#u-1');
    expect(roomKey('R1')).toEqual({ PK: 'ROOM#R1', SK: 'META' });
    expect(memberKey('R1', 'u-1')).toEqual({ PK: 'ROOM#R1', SK: 'MEMBER#u-1' });
    expect(memberIndexKey('R1', 'u-1')).toEqual({ GSI1PK: 'USER#u-1', GSI1SK: 'ROOM#R1' });
    expect(messageKey('R1', 'M1')).toEqual({ PK: 'ROOM#R1', SK: 'MSG#M1' });
    expect(sendRecordKey('R1', 'u-1', 'c-1')).toEqual({ PK: 'ROOM#R1', SK: 'SEND#u-1#c-1' });
    expect(banKey('R1', 'u-1')).toEqual({ PK: 'ROOM#R1', SK: 'BAN#u-1' });
  });

  it('uses the attribute names of the table definition', () => {
    const gsi = tableDefinition.globalSecondaryIndexes[0];
    expect(Object.keys(roomKey('R1'))).toEqual([tableDefinition.partitionKey, tableDefinition.sortKey]);
    expect(Object.keys(memberIndexKey('R1', 'u-1'))).toEqual([gsi.partitionKey, gsi.sortKey]);
  });
});

describe('resolvers/lib/errors', () => {
  const target = util as unknown as Record<string, unknown>;
  let calls: unknown[][];

  beforeEach(() => {
    calls = [];
    target.error = (...args: unknown[]) => {
      calls.push(args);
      throw new Error('util.error stops the handler');
    };
  });

  afterEach(() => {
    delete target.error;
  });

  it.each([
    ['validationError', 'ValidationError', validationError],
    ['notFound', 'NotFound', notFound],
    ['unauthorized', 'Unauthorized', unauthorized],
    ['conflict', 'Conflict', conflict],
  ])('%s raises util.error with errorType %s', (_name, errorType, raise) => {
    expect(() => raise('why')).toThrow('util.error stops the handler');
    expect(calls).toEqual([['why', errorType]]);
  });

  it('dataSourceError keeps the DynamoDB error type', () => {
    expect(() => dataSourceError({ message: 'slow down', type: 'DynamoDB:ThrottlingException' })).toThrow();
    expect(calls).toEqual([['slow down', 'DynamoDB:ThrottlingException']]);
  });

  describe('storedItemAfterFailedCondition', () => {
    const conditionFailed = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };

    it('returns the item AppSync read back after the condition failed', () => {
      const stored = { senderId: 'u-1', deleted: true };
      expect(storedItemAfterFailedCondition(conditionFailed, stored, 'Message not found')).toBe(stored);
      expect(calls).toEqual([]);
    });

    it.each([
      ['no item: NotFound', conditionFailed, null, ['Message not found', 'NotFound']],
      ['another DynamoDB error: passed on', { message: 'slow down', type: 'DynamoDB:ThrottlingException' }, { senderId: 'u-1' }, ['slow down', 'DynamoDB:ThrottlingException']],
    ])('%s', (_case, error, stored, raised) => {
      expect(() => storedItemAfterFailedCondition(error, stored, 'Message not found')).toThrow('util.error stops the handler');
      expect(calls).toEqual([raised]);
    });
  });
});
