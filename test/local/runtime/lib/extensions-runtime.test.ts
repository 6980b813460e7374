// extensions.* (recorded in the evaluation record, limits enforced) and runtime.earlyReturn.
import { createHarness, thrownBy } from './test-bridge';

const h = createHarness();
const { extensions, runtime, util } = h.modules;
const filter = (...filters: Array<{ fieldName: string; operator: string; value: unknown }>) => ({ filters });
const eq = (fieldName: string, value: unknown) => ({ fieldName, operator: 'eq', value });

describe('extensions.setSubscriptionFilter / setSubscriptionInvalidationFilter', () => {
  beforeEach(() => h.reset());

  it('records the filter built by toSubscriptionFilter', () => {
    const built = util.transform.toSubscriptionFilter({ roomId: { eq: 'r1' } });
    extensions.setSubscriptionFilter(built);
    expect(h.record.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: 'r1' }] }] });
  });

  it('records a copy: later changes by the resolver do not leak in', () => {
    const built = { filterGroup: [filter(eq('roomId', 'r1'))] };
    extensions.setSubscriptionInvalidationFilter(built);
    built.filterGroup[0].filters[0].value = 'changed';
    expect(h.record.subscriptionInvalidationFilter).toEqual({ filterGroup: [filter(eq('roomId', 'r1'))] });
  });

  it('accepts a filter exactly at every limit', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((name) => eq(name, 'x'.repeat(256)));
    const groups = Array.from({ length: 9 }, () => filter(...five));
    groups.push(filter({ fieldName: 'tags', operator: 'containsAny', value: Array.from({ length: 20 }, (_, i) => `t${i}`) }, { fieldName: 'n', operator: 'notIn', value: [1, 2, 3, 4, 5] }));
    extensions.setSubscriptionFilter({ filterGroup: groups });
    expect((h.record.subscriptionFilter as { filterGroup: unknown[] }).filterGroup).toHaveLength(10);
  });

  it('counts an in once per value: two five-value ins make exactly ten filters', () => {
    const inFive = (name: string) => filter({ fieldName: name, operator: 'in', value: [1, 2, 3, 4, 5] });
    extensions.setSubscriptionFilter({ filterGroup: [inFive('a'), inFive('b')] });
    expect(h.record.subscriptionFilter).toEqual({ filterGroup: [inFive('a'), inFive('b')] });
  });

  const long = 'x'.repeat(257);
  it.each<[string, unknown, string]>([
    ['not an object', 'roomId = r1', 'must be an object {filterGroup: [...]}'],
    ['an empty filterGroup', { filterGroup: [] }, 'filterGroup must contain at least one filter'],
    ['a group without filters', { filterGroup: [{ filters: [] }] }, 'filterGroup[0] must be an object with a non-empty filters array'],
    ['six field names in one filter', { filterGroup: [filter(...['a', 'b', 'c', 'd', 'e', 'f'].map((n) => eq(n, 1)))] }, 'filterGroup[0] uses 6 field names; a filter can use at most 5'],
    ['eleven filters', { filterGroup: Array.from({ length: 11 }, () => filter(eq('a', 1))) }, 'filterGroup has 11 filters'],
    ['an in that expands past ten filters', { filterGroup: [filter({ fieldName: 'a', operator: 'in', value: [1, 2, 3] }), filter({ fieldName: 'b', operator: 'in', value: [1, 2, 3, 4, 5] }), filter(eq('c', 1)), filter(eq('d', 1)), filter(eq('e', 1))] }, 'filterGroup has 11 filters (an "in" counts once per value)'],
    ['in with six values', { filterGroup: [filter({ fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5, 6] })] }, 'at most 5 values are allowed, got 6'],
    ['notIn with six values', { filterGroup: [filter({ fieldName: 'a', operator: 'notIn', value: [1, 2, 3, 4, 5, 6] })] }, 'at most 5 values are allowed, got 6'],
    ['containsAny with 21 values', { filterGroup: [filter({ fieldName: 'a', operator: 'containsAny', value: Array.from({ length: 21 }, (_, i) => i) })] }, 'at most 20 values are allowed, got 21'],
    ['a 257-character string', { filterGroup: [filter(eq('a', long))] }, 'string values can be at most 256 characters'],
    ['a 257-character string inside in', { filterGroup: [filter({ fieldName: 'a', operator: 'in', value: ['ok', long] })] }, 'string values can be at most 256 characters'],
    ['an unknown operator', { filterGroup: [filter({ fieldName: 'a', operator: 'attributeExists', value: true })] }, "operator 'attributeExists' is not supported"],
    ['a misspelt operator', { filterGroup: [filter({ fieldName: 'a', operator: 'gte', value: 1 })] }, "operator 'gte' is not supported"],
    ['between with one value', { filterGroup: [filter({ fieldName: 'a', operator: 'between', value: [1] })] }, 'value must be an array of two scalars'],
    ['an object value', { filterGroup: [filter(eq('a', { b: 1 }))] }, 'value must be a string, number or boolean'],
    ['an empty fieldName', { filterGroup: [filter(eq('', 1))] }, 'fieldName must be a non-empty string'],
  ])('rejects %s with InvalidSubscriptionFilterError and records nothing', (_label, bad, message) => {
    for (const method of ['setSubscriptionFilter', 'setSubscriptionInvalidationFilter'] as const) {
      const thrown = thrownBy(() => extensions[method](bad as never)) as { __appsync: string; message: string; errorType: string };
      expect(thrown.__appsync).toBe('error');
      expect(thrown.errorType).toBe('InvalidSubscriptionFilterError');
      expect(thrown.message).toContain(`${method}: `);
      expect(thrown.message).toContain(message);
    }
    expect(h.record.subscriptionFilter).toBeNull();
    expect(h.record.subscriptionInvalidationFilter).toBeNull();
  });
});

describe('extensions.invalidateSubscriptions', () => {
  beforeEach(() => h.reset());
  const call = (roomId: string) => ({ subscriptionField: 'onNewMessage', payload: { roomId } });

  it('records up to five unique calls; repeats do not count', () => {
    for (const id of ['1', '2', '1', '3', '4', '5', '5']) extensions.invalidateSubscriptions(call(id));
    expect(h.record.invalidations).toEqual(['1', '2', '3', '4', '5'].map(call));
  });

  it('a sixth unique call raises LimitExceededError and records nothing more', () => {
    for (const id of ['1', '2', '3', '4', '5']) extensions.invalidateSubscriptions(call(id));
    expect(thrownBy(() => extensions.invalidateSubscriptions(call('6')))).toEqual({
      __appsync: 'error',
      message: 'invalidateSubscriptions: at most 5 unique calls are allowed per request',
      errorType: 'LimitExceededError',
      data: null,
      errorInfo: null,
    });
    expect(h.record.invalidations).toHaveLength(5);
  });

  it.each<[string, unknown]>([
    ['no subscriptionField', { payload: {} }],
    ['a payload that is not an object', { subscriptionField: 'onNewMessage', payload: 'x' }],
  ])('rejects %s', (_label, bad) => {
    expect(() => extensions.invalidateSubscriptions(bad as never)).toThrow('invalidateSubscriptions: expected {subscriptionField: string, payload: object}');
    expect(h.record.invalidations).toEqual([]);
  });
});

describe('extensions.evictFromApiCache', () => {
  it('records the eviction', () => {
    h.reset();
    extensions.evictFromApiCache('Query', 'getRoom', { 'context.arguments.id': 'r1' });
    expect(h.record.evictions).toEqual([{ typeName: 'Query', fieldName: 'getRoom', keys: { 'context.arguments.id': 'r1' } }]);
  });
});

describe('runtime.earlyReturn', () => {
  it.each<[string, () => unknown, unknown]>([
    ['with a value', () => runtime.earlyReturn({ id: 1 }), { __appsync: 'earlyReturn', value: { id: 1 }, skipTo: null }],
    ['without a value', () => runtime.earlyReturn(), { __appsync: 'earlyReturn', value: null, skipTo: null }],
    ['with skipTo END', () => runtime.earlyReturn(5, { skipTo: 'END' }), { __appsync: 'earlyReturn', value: 5, skipTo: 'END' }],
    ['with skipTo NEXT', () => runtime.earlyReturn('x', { skipTo: 'NEXT' }), { __appsync: 'earlyReturn', value: 'x', skipTo: 'NEXT' }],
    ['with an unknown skipTo', () => runtime.earlyReturn('x', { skipTo: 'LATER' as never }), { __appsync: 'earlyReturn', value: 'x', skipTo: null }],
  ])('%s throws the earlyReturn Signal', (_label, call, expected) => {
    expect(thrownBy(call)).toEqual(expected);
  });
});
