// util.dynamodb against the Verified-AWS outputs recorded from EvaluateCode (reference §3.3).
import { createHarness } from './test-bridge';

const { util } = createHarness().modules;
const ddb = util.dynamodb;

describe('util.dynamodb (Verified-AWS outputs)', () => {
  it.each<[string, () => unknown, unknown]>([
    ['toDynamoDB("test")', () => ddb.toDynamoDB('test'), { S: 'test' }],
    ['toDynamoDB(12345)', () => ddb.toDynamoDB(12345), { N: 12345 }],
    ['toDynamoDB(true)', () => ddb.toDynamoDB(true), { BOOL: true }],
    ['toString("test")', () => ddb.toString('test'), { S: 'test' }],
    ['toStringSet(["foo","bar","baz"])', () => ddb.toStringSet(['foo', 'bar', 'baz']), { SS: ['foo', 'bar', 'baz'] }],
    ['toNumber(12345)', () => ddb.toNumber(12345), { N: 12345 }],
    ['toNumberSet([1,23,4.56])', () => ddb.toNumberSet([1, 23, 4.56]), { NS: [1, 23, 4.56] }],
    ['toBinary("foo")', () => ddb.toBinary('foo'), { B: 'foo' }],
    ['toBinarySet(["foo","bar"])', () => ddb.toBinarySet(['foo', 'bar']), { BS: ['foo', 'bar'] }],
    ['toBoolean(true)', () => ddb.toBoolean(true), { BOOL: true }],
    ['toNull()', () => ddb.toNull(), { NULL: null }],
    ['toList(["foo",123,{bar:"baz"}])', () => ddb.toList(['foo', 123, { bar: 'baz' }]), { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] }],
    ['toMap({foo:"bar",baz:1234,beep:["boop"]})', () => ddb.toMap({ foo: 'bar', baz: 1234, beep: ['boop'] }), { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } }],
    ['toMapValues({foo:"bar",baz:1234,beep:["boop"]})', () => ddb.toMapValues({ foo: 'bar', baz: 1234, beep: ['boop'] }), { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } }],
  ])('%s', (_label, call, expected) => {
    expect(call()).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    ['toS3Object("foo","bar","baz")', () => ddb.toS3Object('foo', 'bar', 'baz'), '{"S":"{\\"s3\\":{\\"key\\":\\"foo\\",\\"bucket\\":\\"bar\\",\\"region\\":\\"baz\\"}}"}'],
    ['toS3Object("foo","bar","baz","beep")', () => ddb.toS3Object('foo', 'bar', 'baz', 'beep'), '{"S":"{\\"s3\\":{\\"key\\":\\"foo\\",\\"bucket\\":\\"bar\\",\\"region\\":\\"baz\\",\\"version\\":\\"beep\\"}}"}'],
  ])('%s is byte-for-byte the AWS JSON', (_label, call, json) => {
    expect(JSON.stringify(call())).toBe(json);
  });

  it('numbers stay JSON numbers in the serialised output', () => {
    expect(JSON.stringify(ddb.toDynamoDB({ n: 12345, f: 4.56 }))).toBe('{"M":{"n":{"N":12345},"f":{"N":4.56}}}');
  });

  it('null inside a map becomes {NULL:null} and undefined map values are left out', () => {
    expect(ddb.toMapValues({ a: null, b: undefined, c: 'x' })).toEqual({ a: { NULL: null }, c: { S: 'x' } });
    expect(Object.keys(ddb.toMapValues({ b: undefined }) ?? {})).toEqual([]);
  });

  it('arrays become lists, never sets', () => {
    expect(ddb.toDynamoDB(['a', 'b'])).toEqual({ L: [{ S: 'a' }, { S: 'b' }] });
    expect(ddb.toDynamoDB([1, 2])).toEqual({ L: [{ N: 1 }, { N: 2 }] });
  });

  it.each<[string, () => unknown]>([
    ['toString(null)', () => ddb.toString(null)],
    ['toString(undefined)', () => ddb.toString(undefined)],
    ['toStringSet(null)', () => ddb.toStringSet(null)],
    ['toNumber(null)', () => ddb.toNumber(null)],
    ['toNumberSet(undefined)', () => ddb.toNumberSet(undefined)],
    ['toBinary(null)', () => ddb.toBinary(null)],
    ['toBinarySet(null)', () => ddb.toBinarySet(null)],
    ['toBoolean(undefined)', () => ddb.toBoolean(undefined)],
    ['toList(null)', () => ddb.toList(null)],
    ['toMap("x")', () => ddb.toMap('x')],
    ['toMapValues(null)', () => ddb.toMapValues(null)],
    ['toDynamoDB(undefined)', () => ddb.toDynamoDB(undefined)],
  ])('%s returns null', (_label, call) => {
    expect(call()).toBeNull();
  });

  it('toDynamoDB(null) is the NULL attribute', () => {
    expect(ddb.toDynamoDB(null)).toEqual({ NULL: null });
  });

  it.each([
    ['{"s3":{"key":"foo","bucket":"bar","region":"baz"}}', { key: 'foo', bucket: 'bar', region: 'baz' }],
    ['{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}', { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' }],
  ])('fromS3ObjectJson(%s)', (text, expected) => {
    expect(ddb.fromS3ObjectJson(text)).toEqual(expected);
  });

  it('fromS3ObjectJson rejects a string that is not an S3 object', () => {
    expect(() => ddb.fromS3ObjectJson('{"key":"foo"}')).toThrow('not an S3 object string');
  });

  it('toS3Object output round-trips through fromS3ObjectJson', () => {
    const s = ddb.toS3Object('k', 'b', 'r', 'v').S;
    expect(ddb.fromS3ObjectJson(s)).toEqual({ key: 'k', bucket: 'b', region: 'r', version: 'v' });
  });
});
