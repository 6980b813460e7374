// util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression. The first cases are
// Verified-AWS strings (reference §3.4); the rest follow AWS's naming and are checked for shape.
import { createHarness } from './test-bridge';

const { transform } = createHarness().modules.util;

describe('util.transform DynamoDB expressions', () => {
  it('toDynamoDBFilterExpression matches the Verified-AWS string', () => {
    expect(transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } })).toBe(
      '{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}',
    );
  });

  it('toDynamoDBConditionExpression matches the Verified-AWS string', () => {
    expect(transform.toDynamoDBConditionExpression({ id: { attributeExists: true }, version: { eq: 10 } })).toBe(
      '{"expression":"(attribute_exists(#id)) AND (#version = :version_eq)","expressionNames":{"#id":"id","#version":"version"},"expressionValues":{":version_eq":{"N":10}}}',
    );
  });

  it.each<[string, Record<string, unknown>, string, Record<string, string>, Record<string, unknown>]>([
    ['eq', { a: { eq: 'x' } }, '(#a = :a_eq)', { '#a': 'a' }, { ':a_eq': { S: 'x' } }],
    ['ne', { a: { ne: 1 } }, '(#a <> :a_ne)', { '#a': 'a' }, { ':a_ne': { N: 1 } }],
    ['lt', { a: { lt: 1 } }, '(#a < :a_lt)', { '#a': 'a' }, { ':a_lt': { N: 1 } }],
    ['le', { a: { le: 1 } }, '(#a <= :a_le)', { '#a': 'a' }, { ':a_le': { N: 1 } }],
    ['gt', { a: { gt: 1 } }, '(#a > :a_gt)', { '#a': 'a' }, { ':a_gt': { N: 1 } }],
    ['ge', { a: { ge: 1 } }, '(#a >= :a_ge)', { '#a': 'a' }, { ':a_ge': { N: 1 } }],
    ['between', { a: { between: [1, 5] } }, '(#a BETWEEN :a_between_0 AND :a_between_1)', { '#a': 'a' }, { ':a_between_0': { N: 1 }, ':a_between_1': { N: 5 } }],
    ['in', { a: { in: ['x', 'y'] } }, '(#a IN (:a_in_0,:a_in_1))', { '#a': 'a' }, { ':a_in_0': { S: 'x' }, ':a_in_1': { S: 'y' } }],
    ['beginsWith', { a: { beginsWith: 'MSG#' } }, '(begins_with(#a,:a_beginsWith))', { '#a': 'a' }, { ':a_beginsWith': { S: 'MSG#' } }],
    ['notContains', { a: { notContains: 'x' } }, '(NOT contains(#a,:a_notContains))', { '#a': 'a' }, { ':a_notContains': { S: 'x' } }],
    ['attributeExists false', { a: { attributeExists: false } }, '(attribute_not_exists(#a))', { '#a': 'a' }, {}],
    ['attributeType', { a: { attributeType: 'stringSet' } }, '(attribute_type(#a,:a_attributeType))', { '#a': 'a' }, { ':a_attributeType': { S: 'SS' } }],
    ['size', { a: { size: { gt: 3 } } }, '(size(#a) > :a_size_gt)', { '#a': 'a' }, { ':a_size_gt': { N: 3 } }],
    ['eq null', { a: { eq: null } }, '(#a = :a_eq)', { '#a': 'a' }, { ':a_eq': { NULL: null } }],
    ['two operators on one field', { a: { gt: 1, lt: 9 } }, '(#a > :a_gt) AND (#a < :a_lt)', { '#a': 'a' }, { ':a_gt': { N: 1 }, ':a_lt': { N: 9 } }],
    ['or', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))', { '#a': 'a', '#b': 'b' }, { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } }],
    ['and with a two-clause branch', { and: [{ a: { eq: 1 }, b: { eq: 2 } }, { c: { eq: 3 } }] }, '(((#a = :and_0_a_eq) AND (#b = :and_0_b_eq)) AND (#c = :and_1_c_eq))', { '#a': 'a', '#b': 'b', '#c': 'c' }, { ':and_0_a_eq': { N: 1 }, ':and_0_b_eq': { N: 2 }, ':and_1_c_eq': { N: 3 } }],
    ['not', { not: { a: { eq: 1 } } }, '(NOT (#a = :not_a_eq))', { '#a': 'a' }, { ':not_a_eq': { N: 1 } }],
    ['nested map attribute', { address: { city: { eq: 'Paris' } } }, '(#address.#city = :address_city_eq)', { '#address': 'address', '#city': 'city' }, { ':address_city_eq': { S: 'Paris' } }],
    ['null field is ignored', { a: null, b: { eq: 1 } }, '(#b = :b_eq)', { '#b': 'b' }, { ':b_eq': { N: 1 } }],
  ])('%s', (_label, input, expression, expressionNames, expressionValues) => {
    expect(JSON.parse(transform.toDynamoDBConditionExpression(input))).toEqual({ expression, expressionNames, expressionValues });
    expect(JSON.parse(transform.toDynamoDBFilterExpression(input))).toEqual({ expression, expressionNames, expressionValues });
  });

  it('keeps an empty expressionValues map in the string, as AWS does', () => {
    expect(transform.toDynamoDBConditionExpression({ id: { attributeExists: false } })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['unknown operator value shape', { a: 'plain' }, 'expected an object of operators'],
    ['between with one value', { a: { between: [1] } }, '"between" on "a" needs an array of two values'],
    ['in without an array', { a: { in: 'x' } }, '"in" on "a" needs an array'],
    ['size with an unknown operator', { a: { size: { beginsWith: 'x' } } }, 'Unsupported size operator "beginsWith" on "a"'],
  ])('rejects %s', (_label, input, message) => {
    expect(() => transform.toDynamoDBConditionExpression(input)).toThrow(message);
  });
});

describe('util.transform.toElasticsearchQueryDSL', () => {
  it('builds the documented example (fields ANDed, operators ANDed per field)', () => {
    const dsl = JSON.parse(transform.toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } }));
    expect(dsl).toEqual({
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['gt', { a: { gt: 1 } }, { range: { a: { gt: 1 } } }],
    ['lte', { a: { lte: 1 } }, { range: { a: { lte: 1 } } }],
    ['match', { a: { match: 'x' } }, { match: { a: 'x' } }],
    ['matchPhrase', { a: { matchPhrase: 'x y' } }, { match_phrase: { a: 'x y' } }],
    ['matchPhrasePrefix', { a: { matchPhrasePrefix: 'x' } }, { match_phrase_prefix: { a: 'x' } }],
    ['multiMatch', { a: { multiMatch: 'x' } }, { multi_match: { query: 'x', fields: ['a'] } }],
    ['regexp', { a: { regexp: 'x.*' } }, { regexp: { a: 'x.*' } }],
    ['exists', { a: { exists: true } }, { exists: { field: 'a' } }],
  ])('%s', (_label, input, clause) => {
    expect(JSON.parse(transform.toElasticsearchQueryDSL(input))).toEqual({ bool: { must: [{ bool: { must: [clause] } }] } });
  });

  it('or becomes should', () => {
    expect(JSON.parse(transform.toElasticsearchQueryDSL({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }))).toEqual({
      bool: { must: [{ bool: { should: [{ bool: { must: [{ bool: { must: [{ term: { a: 1 } }] } }] } }, { bool: { must: [{ bool: { must: [{ term: { b: 2 } }] } }] } }] } }] },
    });
  });

  it('rejects an unknown operator', () => {
    expect(() => transform.toElasticsearchQueryDSL({ a: { near: 1 } })).toThrow('Unsupported OpenSearch operator "near" on "a"');
  });
});
