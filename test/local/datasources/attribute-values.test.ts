import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalItem, toAttributeMap, toAttributeValue, toPlain } from '../../../local/datasources/attribute-values';
import { RequestError } from '../../../local/datasources/request-error';

describe('AppSync typed JSON -> SDK AttributeValue', () => {
  it.each<[string, unknown, AttributeValue]>([
    ['a string', { S: 'a' }, { S: 'a' }],
    ['a JSON number', { N: 12 }, { N: '12' }],
    ['a negative decimal', { N: -0.5 }, { N: '-0.5' }],
    ['a number as text', { N: '3.25' }, { N: '3.25' }],
    ['a boolean', { BOOL: false }, { BOOL: false }],
    ['NULL true', { NULL: true }, { NULL: true }],
    ['NULL null, as util.dynamodb writes it', { NULL: null }, { NULL: true }],
    ['binary', { B: 'AQI=' }, { B: new Uint8Array([1, 2]) }],
    ['a number set with mixed forms', { NS: [1, '2.5'] }, { NS: ['1', '2.5'] }],
    ['a nested list and map', { L: [{ M: { a: { N: 1 } } }] }, { L: [{ M: { a: { N: '1' } } }] }],
  ])('converts %s', (_name, typed, expected) => {
    expect(toAttributeValue(typed, 'v')).toEqual(expected);
  });

  it.each([
    ['a plain string', 'text', 'Expected a DynamoDB typed value for \'v\', e.g. {"S": "text"}.'],
    ['an empty object', {}, "Expected exactly one type key for 'v', found none."],
    ['two types', { S: 'a', N: 1 }, "Expected exactly one type key for 'v', found S, N."],
    ['an unknown type', { STR: 'a' }, "Unsupported DynamoDB type 'STR' for 'v'."],
    ['S holding a number', { S: 1 }, "Expected string for 'v'."],
    ['N holding words', { N: 'ten' }, "Expected a number for 'v'."],
    ['N holding NaN', { N: Number.NaN }, "Expected a number for 'v'."],
    ['N holding an empty string', { N: '' }, "Expected a number for 'v'."],
    ['NULL false', { NULL: false }, "Expected true or null for 'v.NULL'."],
    ['SS not an array', { SS: 'a' }, "Expected JSON array for 'v.SS'."],
    ['a bad value deep in a map', { M: { a: { L: [{ N: 'x' }] } } }, "Expected a number for 'v.M.a.L[0]'."],
  ])('rejects %s', (_name, typed, message) => {
    expect(() => toAttributeValue(typed, 'v')).toThrow(new RequestError(message));
  });

  it('converts a map of typed values and names the failing field', () => {
    expect(toAttributeMap({ PK: { S: 'p' }, n: { N: 1 } }, '$[key]')).toEqual({ PK: { S: 'p' }, n: { N: '1' } });
    expect(() => toAttributeMap({ PK: 'p' }, '$[key]')).toThrow("Expected a DynamoDB typed value for '$[key].PK'");
    expect(() => toAttributeMap(undefined, '$[key]')).toThrow("Value for field '$[key]' not found.");
  });
});

describe('SDK AttributeValue -> plain JSON', () => {
  it.each<[string, AttributeValue, unknown]>([
    ['N as a number', { N: '42' }, 42],
    ['a decimal N', { N: '-1.5e2' }, -150],
    ['NULL as null', { NULL: true }, null],
    ['B as base64', { B: new Uint8Array([255, 0]) }, '/wA='],
    ['NS as numbers', { NS: ['1', '2'] }, [1, 2]],
    ['SS as an array', { SS: ['a'] }, ['a']],
    ['BS as base64 strings', { BS: [new Uint8Array([1])] }, ['AQ==']],
    ['nested M and L', { M: { l: { L: [{ BOOL: true }, { S: 's' }] } } }, { l: [true, 's'] }],
  ])('gives %s', (_name, value, expected) => {
    expect(toPlain(value)).toEqual(expected);
  });
});

describe('canonicalItem (is the stored item the one written?)', () => {
  it.each<[string, Record<string, AttributeValue>, Record<string, AttributeValue>, boolean]>([
    ['attribute order', { a: { S: 'x' }, b: { N: '1' } }, { b: { N: '1' }, a: { S: 'x' } }, true],
    ['number spelling', { n: { N: '1.0' } }, { n: { N: '1' } }, true],
    ['set order', { s: { SS: ['b', 'a'] }, n: { NS: ['2', '10'] } }, { s: { SS: ['a', 'b'] }, n: { NS: ['10', '2'] } }, true],
    ['map key order', { m: { M: { x: { S: '1' }, y: { S: '2' } } } }, { m: { M: { y: { S: '2' }, x: { S: '1' } } } }, true],
    ['a changed value', { a: { S: 'x' } }, { a: { S: 'y' } }, false],
    ['list order', { l: { L: [{ S: 'a' }, { S: 'b' }] } }, { l: { L: [{ S: 'b' }, { S: 'a' }] } }, false],
    ['an extra attribute', { a: { S: 'x' } }, { a: { S: 'x' }, b: { S: 'y' } }, false],
    ['string vs number', { a: { S: '1' } }, { a: { N: '1' } }, false],
  ])('%s', (_name, left, right, same) => {
    expect(canonicalItem(left) === canonicalItem(right)).toBe(same);
  });

  it('leaves out the ignored attributes', () => {
    expect(canonicalItem({ a: { S: 'x' }, at: { S: '1' } }, ['at'])).toBe(canonicalItem({ a: { S: 'x' }, at: { S: '2' } }, ['at']));
  });
});
