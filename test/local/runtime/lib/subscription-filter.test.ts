// util.transform.toSubscriptionFilter: DNF expansion into filterGroup (reference §9.3).
import { createHarness } from './test-bridge';

const { transform } = createHarness().modules.util;
const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

describe('util.transform.toSubscriptionFilter', () => {
  it('fields of one object are ANDed in one group', () => {
    expect(transform.toSubscriptionFilter({ roomId: { eq: 'r1' }, deleted: { ne: true } })).toEqual({
      filterGroup: [{ filters: [f('roomId', 'eq', 'r1'), f('deleted', 'ne', true)] }],
    });
  });

  it('several operators on one field are alternatives (one group each)', () => {
    expect(transform.toSubscriptionFilter({ a: { lt: 1, gt: 9 }, b: { eq: 'x' } })).toEqual({
      filterGroup: [{ filters: [f('a', 'lt', 1), f('b', 'eq', 'x')] }, { filters: [f('a', 'gt', 9), f('b', 'eq', 'x')] }],
    });
  });

  it('or branches multiply the groups; and branches extend them', () => {
    expect(
      transform.toSubscriptionFilter({
        roomId: { eq: 'r1' },
        or: [{ senderId: { eq: 'u1' } }, { and: [{ priority: { ge: 5 } }, { tag: { in: ['a', 'b'] } }] }],
      } as never),
    ).toEqual({
      filterGroup: [
        { filters: [f('roomId', 'eq', 'r1'), f('senderId', 'eq', 'u1')] },
        { filters: [f('roomId', 'eq', 'r1'), f('priority', 'ge', 5), f('tag', 'in', ['a', 'b'])] },
      ],
    });
  });

  it('nested or inside or is flattened into more groups', () => {
    expect(transform.toSubscriptionFilter({ or: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] } as never).filterGroup).toEqual([
      { filters: [f('a', 'eq', 1)] },
      { filters: [f('b', 'eq', 2)] },
      { filters: [f('c', 'eq', 3)] },
    ]);
  });

  it('ignoredFields are dropped', () => {
    expect(transform.toSubscriptionFilter({ roomId: { eq: 'r1' }, secret: { eq: 's' }, or: [{ secret: { eq: 't' } }, { a: { eq: 1 } }] } as never, ['secret'])).toEqual({
      filterGroup: [{ filters: [f('roomId', 'eq', 'r1')] }, { filters: [f('roomId', 'eq', 'r1'), f('a', 'eq', 1)] }],
    });
  });

  it('rules are added so that at least one must hold', () => {
    expect(transform.toSubscriptionFilter({ roomId: { eq: 'r1' } }, [], { senderId: { eq: 'u1' }, priority: { gt: 3 } } as never)).toEqual({
      filterGroup: [
        { filters: [f('roomId', 'eq', 'r1'), f('senderId', 'eq', 'u1')] },
        { filters: [f('roomId', 'eq', 'r1'), f('priority', 'gt', 3)] },
      ],
    });
  });

  it('keeps every subscription operator as given', () => {
    const ops = { eq: 1, ne: 2, le: 3, lt: 4, ge: 5, gt: 6, contains: 'x', notContains: 'y', beginsWith: 'z', in: [1], notIn: [2], between: [1, 2], containsAny: ['a'] };
    const groups = transform.toSubscriptionFilter({ v: ops } as never).filterGroup;
    expect(groups.map((g) => g.filters[0].operator)).toEqual(Object.keys(ops));
    expect(groups.map((g) => g.filters[0].value)).toEqual(Object.values(ops));
  });

  it('an empty object gives an empty filterGroup', () => {
    expect(transform.toSubscriptionFilter({})).toEqual({ filterGroup: [] });
  });

  it('rejects a field whose value is not an object of operators', () => {
    expect(() => transform.toSubscriptionFilter({ roomId: 'r1' } as never)).toThrow('Invalid subscription filter for "roomId"');
  });
});
