import { matchesFilter } from '../../../local/realtime/filter-match';
import type { FilterRule, SubscriptionFilter } from '../../../local/realtime/filter-types';
import { parseSubscriptionFilter } from '../../../local/realtime/filter-validate';

const event = {
  roomId: 'r1',
  content: 'hello world',
  count: 7,
  score: 2.5,
  deleted: false,
  editedAt: null,
  tags: ['a', 'b', 'c'],
  author: { name: 'ann', profile: { level: 3, address: { city: { name: 'Oslo', zip: { code: '0150' } } } } },
  items: [{ id: 'x' }],
};

function one(rule: FilterRule): SubscriptionFilter {
  return { filterGroup: [{ filters: [rule] }] };
}

describe('enhanced filter operators', () => {
  it.each<[string, FilterRule, boolean]>([
    ['eq string', { fieldName: 'roomId', operator: 'eq', value: 'r1' }, true],
    ['eq string, other', { fieldName: 'roomId', operator: 'eq', value: 'r2' }, false],
    ['eq is case-sensitive', { fieldName: 'roomId', operator: 'eq', value: 'R1' }, false],
    ['eq number', { fieldName: 'count', operator: 'eq', value: 7 }, true],
    ['eq number vs string', { fieldName: 'count', operator: 'eq', value: '7' }, false],
    ['eq boolean', { fieldName: 'deleted', operator: 'eq', value: false }, true],
    ['eq null matches null', { fieldName: 'editedAt', operator: 'eq', value: null }, true],
    ['eq null matches a missing field', { fieldName: 'nope', operator: 'eq', value: null }, true],
    ['ne', { fieldName: 'roomId', operator: 'ne', value: 'r2' }, true],
    ['ne, same', { fieldName: 'roomId', operator: 'ne', value: 'r1' }, false],
    ['ne on a missing field', { fieldName: 'nope', operator: 'ne', value: 'x' }, true],
    ['lt true', { fieldName: 'count', operator: 'lt', value: 8 }, true],
    ['lt equal', { fieldName: 'count', operator: 'lt', value: 7 }, false],
    ['le equal', { fieldName: 'count', operator: 'le', value: 7 }, true],
    ['le false', { fieldName: 'count', operator: 'le', value: 6 }, false],
    ['gt true', { fieldName: 'score', operator: 'gt', value: 2 }, true],
    ['gt equal', { fieldName: 'score', operator: 'gt', value: 2.5 }, false],
    ['ge equal', { fieldName: 'score', operator: 'ge', value: 2.5 }, true],
    ['ge false', { fieldName: 'score', operator: 'ge', value: 3 }, false],
    ['lt on strings', { fieldName: 'roomId', operator: 'lt', value: 'r2' }, true],
    ['gt on a type mismatch', { fieldName: 'roomId', operator: 'gt', value: 1 }, false],
    ['lt on a missing field', { fieldName: 'nope', operator: 'lt', value: 1 }, false],
    ['contains substring', { fieldName: 'content', operator: 'contains', value: 'lo wo' }, true],
    ['contains substring, absent', { fieldName: 'content', operator: 'contains', value: 'bye' }, false],
    ['contains array element', { fieldName: 'tags', operator: 'contains', value: 'b' }, true],
    ['contains array element, absent', { fieldName: 'tags', operator: 'contains', value: 'z' }, false],
    ['notContains substring', { fieldName: 'content', operator: 'notContains', value: 'bye' }, true],
    ['notContains substring, present', { fieldName: 'content', operator: 'notContains', value: 'hello' }, false],
    ['notContains array element', { fieldName: 'tags', operator: 'notContains', value: 'z' }, true],
    ['notContains array element, present', { fieldName: 'tags', operator: 'notContains', value: 'a' }, false],
    ['notContains on a number field', { fieldName: 'count', operator: 'notContains', value: 'x' }, false],
    ['beginsWith', { fieldName: 'content', operator: 'beginsWith', value: 'hell' }, true],
    ['beginsWith, no', { fieldName: 'content', operator: 'beginsWith', value: 'world' }, false],
    ['beginsWith on a number', { fieldName: 'count', operator: 'beginsWith', value: '7' }, false],
    ['in', { fieldName: 'roomId', operator: 'in', value: ['r0', 'r1'] }, true],
    ['in, absent', { fieldName: 'roomId', operator: 'in', value: ['r0', 'r2'] }, false],
    ['in numbers', { fieldName: 'count', operator: 'in', value: [1, 7] }, true],
    ['notIn', { fieldName: 'roomId', operator: 'notIn', value: ['r0', 'r2'] }, true],
    ['notIn, present', { fieldName: 'roomId', operator: 'notIn', value: ['r1'] }, false],
    ['between inside', { fieldName: 'count', operator: 'between', value: [5, 10] }, true],
    ['between at the low end (inclusive)', { fieldName: 'count', operator: 'between', value: [7, 10] }, true],
    ['between at the high end (inclusive)', { fieldName: 'count', operator: 'between', value: [1, 7] }, true],
    ['between outside', { fieldName: 'count', operator: 'between', value: [8, 10] }, false],
    ['between strings', { fieldName: 'roomId', operator: 'between', value: ['r0', 'r5'] }, true],
    ['containsAny', { fieldName: 'tags', operator: 'containsAny', value: ['z', 'c'] }, true],
    ['containsAny, none', { fieldName: 'tags', operator: 'containsAny', value: ['y', 'z'] }, false],
    ['containsAny on a string field', { fieldName: 'content', operator: 'containsAny', value: ['hello'] }, false],
  ])('%s', (_name, rule, expected) => {
    expect(matchesFilter(one(rule), event)).toBe(expected);
  });
});

describe('nested field names', () => {
  it.each<[string, FilterRule, boolean]>([
    ['two levels', { fieldName: 'author.name', operator: 'eq', value: 'ann' }, true],
    ['three levels', { fieldName: 'author.profile.level', operator: 'ge', value: 3 }, true],
    ['five levels', { fieldName: 'author.profile.address.city.name', operator: 'eq', value: 'Oslo' }, true],
    ['five levels, no match', { fieldName: 'author.profile.address.city.name', operator: 'eq', value: 'Rome' }, false],
    // Six levels: AWS ignores rules deeper than five, so this rule does not constrain the event.
    ['six levels is ignored', { fieldName: 'author.profile.address.city.zip.code', operator: 'eq', value: 'nope' }, true],
    ['through a missing object', { fieldName: 'author.nothing.level', operator: 'eq', value: 3 }, false],
    ['through a list is not filterable', { fieldName: 'items.id', operator: 'eq', value: 'x' }, false],
  ])('%s', (_name, rule, expected) => {
    expect(matchesFilter(one(rule), event)).toBe(expected);
  });
});

describe('AND inside a group, OR across groups', () => {
  const roomR1 = { fieldName: 'roomId', operator: 'eq', value: 'r1' } as const;
  const roomR2 = { fieldName: 'roomId', operator: 'eq', value: 'r2' } as const;
  const bigCount = { fieldName: 'count', operator: 'gt', value: 100 } as const;
  it.each<[string, SubscriptionFilter, boolean]>([
    ['all rules hold', { filterGroup: [{ filters: [roomR1, { fieldName: 'count', operator: 'eq', value: 7 }] }] }, true],
    ['one rule fails', { filterGroup: [{ filters: [roomR1, bigCount] }] }, false],
    ['second group holds', { filterGroup: [{ filters: [roomR2] }, { filters: [roomR1] }] }, true],
    ['no group holds', { filterGroup: [{ filters: [roomR2] }, { filters: [bigCount] }] }, false],
  ])('%s', (_name, filter, expected) => {
    expect(matchesFilter(filter, event)).toBe(expected);
  });
});

describe('parseSubscriptionFilter', () => {
  const rule = (fieldName: string, operator = 'eq', value: unknown = 'v') => ({ fieldName, operator, value });
  const groupOf = (...filters: unknown[]) => ({ filterGroup: [{ filters }] });

  it('accepts a filter at every limit', () => {
    const raw = {
      filterGroup: [
        { filters: ['a', 'b', 'c', 'd', 'e'].map((name) => rule(name)) },
        { filters: [rule('tags', 'containsAny', Array.from({ length: 20 }, (_, i) => `t${i}`))] },
        { filters: [rule('room', 'in', ['1', '2', '3', '4', '5'])] },
        { filters: [rule('x'.repeat(3), 'eq', 'y'.repeat(256))] },
        { filters: [rule('n', 'between', [1, 2])] },
        { filters: [rule('n', 'notIn', [1, 2, 3, 4, 5])] },
      ],
    };
    // 1 + 1 + 5 (the in expands) + 1 + 1 + 1 = 10 filters.
    expect(parseSubscriptionFilter(raw)).toEqual({ ok: true, filter: raw });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'filter', 'filterGroup must be a non-empty array'],
    ['null', null, 'filterGroup must be a non-empty array'],
    ['no filterGroup', {}, 'filterGroup must be a non-empty array'],
    ['empty filterGroup', { filterGroup: [] }, 'filterGroup must be a non-empty array'],
    ['group without filters', { filterGroup: [{}] }, 'filterGroup[0].filters must be a non-empty array'],
    ['empty filters', { filterGroup: [{ filters: [] }] }, 'filterGroup[0].filters must be a non-empty array'],
    ['rule not an object', groupOf('x'), 'filterGroup[0].filters[0] must be an object'],
    ['empty fieldName', groupOf(rule('')), 'filterGroup[0].filters[0].fieldName must be a non-empty (dotted) field name'],
    ['dangling dot', groupOf(rule('a.')), 'filterGroup[0].filters[0].fieldName must be a non-empty (dotted) field name'],
    ['unknown operator', groupOf(rule('a', 'attributeExists', true)), 'filterGroup[0].filters[0].operator "attributeExists" is not supported'],
    ['operator case matters', groupOf(rule('a', 'EQ')), 'filterGroup[0].filters[0].operator "EQ" is not supported'],
    ['lte is not an operator', groupOf(rule('a', 'lte', 1)), 'filterGroup[0].filters[0].operator "lte" is not supported'],
    ['eq with an object', groupOf(rule('a', 'eq', { x: 1 })), 'filterGroup[0].filters[0] (eq): value must be one of: string, number, boolean, null'],
    ['gt with a boolean', groupOf(rule('a', 'gt', true)), 'filterGroup[0].filters[0] (gt): value must be one of: string, number'],
    ['beginsWith a number', groupOf(rule('a', 'beginsWith', 1)), 'filterGroup[0].filters[0] (beginsWith): value must be one of: string'],
    ['string over 256', groupOf(rule('a', 'eq', 'x'.repeat(257))), 'filterGroup[0].filters[0] (eq): string values are limited to 256 characters'],
    ['in with six values', groupOf(rule('a', 'in', [1, 2, 3, 4, 5, 6])), 'filterGroup[0].filters[0] (in): value is limited to 5 elements'],
    ['notIn with six values', groupOf(rule('a', 'notIn', [1, 2, 3, 4, 5, 6])), 'filterGroup[0].filters[0] (notIn): value is limited to 5 elements'],
    ['in not an array', groupOf(rule('a', 'in', 'x')), 'filterGroup[0].filters[0] (in): value must be a non-empty array'],
    ['containsAny with 21 values', groupOf(rule('a', 'containsAny', Array.from({ length: 21 }, (_, i) => i))), 'filterGroup[0].filters[0] (containsAny): value is limited to 20 elements'],
    ['between with three values', groupOf(rule('a', 'between', [1, 2, 3])), 'filterGroup[0].filters[0] (between): value is limited to 2 elements'],
    ['between with one value', groupOf(rule('a', 'between', [1])), 'filterGroup[0].filters[0] (between): value must be a pair of the same type'],
    ['between of mixed types', groupOf(rule('a', 'between', [1, 'z'])), 'filterGroup[0].filters[0] (between): value must be a pair of the same type'],
    ['six field names in a group', groupOf(...['a', 'b', 'c', 'd', 'e', 'f'].map((name) => rule(name))), 'filterGroup[0] uses 6 field names; the limit is 5'],
    [
      'eleven filters in the group',
      { filterGroup: Array.from({ length: 11 }, (_, i) => ({ filters: [rule(`f${i}`)] })) },
      'filterGroup counts 11 filters; the limit is 10',
    ],
    [
      'an in expands toward the limit',
      { filterGroup: [{ filters: [rule('a', 'in', [1, 2, 3, 4, 5])] }, { filters: [rule('b', 'in', [1, 2, 3, 4, 5])] }, { filters: [rule('c')] }] },
      'filterGroup counts 11 filters; the limit is 10',
    ],
  ])('refuses %s', (_name, raw, message) => {
    const before = JSON.stringify(raw);
    expect(parseSubscriptionFilter(raw)).toEqual({ ok: false, message });
    expect(JSON.stringify(raw)).toBe(before);
  });
});
