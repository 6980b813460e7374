// A subscription selects exactly one root field once @skip and @include are applied with the
// request's variables (GraphQL spec, CreateSourceEventStream); a start is prepared only after
// that field's directives admitted the caller and its resolver ran.
import { request, setup } from './support/api-setup';

const oneTopLevelField = {
  ok: false,
  errors: [{ path: null, locations: [{ line: 1, column: 1, sourceName: null }], errorType: 'ValidationError', message: 'Subscription must select exactly one top level field' }],
};

describe('subscriptions that select no root field, or several, once @skip/@include apply', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['@skip(if: true)', 'subscription { onPutItem(id: "1") @skip(if: true) { id name } }', {}],
    ['@include(if: false)', 'subscription { onPutItem(id: "1") @include(if: false) { id name } }', {}],
    ['@skip through a variable', 'subscription S($s: Boolean!) { onPutItem(id: "1") @skip(if: $s) { id } }', { s: true }],
    ['@include through a variable', 'subscription S($i: Boolean!) { onPutItem(id: "1") @include(if: $i) { id } }', { i: false }],
    ['@skip through a variable default', 'subscription S($s: Boolean = true) { onPutItem(id: "1") @skip(if: $s) { id } }', {}],
    ['a skipped field inside a fragment', 'subscription { ...F } fragment F on Subscription { onPutItem(id: "1") @skip(if: true) { id } }', {}],
    ['a skipped fragment spread', 'subscription { ...F @skip(if: true) } fragment F on Subscription { onPutItem(id: "1") { id } }', {}],
    ['an excluded inline fragment', 'subscription { ... on Subscription @include(if: false) { onPutItem(id: "1") { id } } }', {}],
    ['a skipped field in an inline fragment without type', 'subscription S($s: Boolean!) { ... { onOther @skip(if: $s) { id } } }', { s: true }],
    ['the other subscription, skipped', 'subscription { onOther @skip(if: true) { id } }', {}],
    ['two root fields', 'subscription { onPutItem(id: "1") { id } onOther { id } }', {}],
    ['one field under two aliases', 'subscription { a: onPutItem(id: "1") { id } b: onPutItem(id: "2") { id } }', {}],
    ['a second root field through a fragment', 'subscription { onPutItem(id: "1") { id } ...F } fragment F on Subscription { onOther { id } }', {}],
    ['two root fields, both kept by variables', 'subscription S($a: Boolean!) { onPutItem(id: "1") @include(if: $a) { id } onOther @include(if: $a) { id } }', { a: true }],
  ])('%s: refused before any resolver runs', async (_case, query, variables) => {
    const { api, calls } = setup();
    expect(await api.prepareSubscription(request(query, variables))).toEqual(oneTopLevelField);
    expect(calls).toEqual([]);
  });

  it('__typename at the root is refused as an introspection field', async () => {
    const { api, calls } = setup();
    expect(await api.prepareSubscription(request('subscription { __typename }'))).toEqual({
      ok: false,
      errors: [{ path: null, locations: [{ line: 1, column: 1, sourceName: null }], errorType: 'ValidationError', message: 'Subscription must not select an introspection top level field' }],
    });
    expect(calls).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>, unknown]>([
    [
      'a missing variable',
      'subscription S($s: Boolean!) { onPutItem(id: "1") @skip(if: $s) { id } }',
      {},
      { path: null, locations: [{ line: 1, column: 16, sourceName: null }], message: "Variable 's' has coerced Null value for NonNull type 'Boolean!'" },
    ],
    [
      'a variable of the wrong type',
      'subscription S($s: Boolean!) { onPutItem(id: "1") @skip(if: $s) { id } }',
      { s: 'yes' },
      { path: null, locations: [{ line: 1, column: 16, sourceName: null }], message: "Variable 's' has an invalid value: Boolean cannot represent a non boolean value: \"yes\"" },
    ],
    [
      'null for a variable with a default, where Boolean! is required',
      'subscription S($s: Boolean = false) { onPutItem(id: "1") @skip(if: $s) { id } }',
      { s: null },
      { path: null, locations: [{ line: 1, column: 68, sourceName: null }], errorType: 'ValidationError', message: 'Argument "if" of non-null type "Boolean!" must not be null.' },
    ],
  ])('%s in the directive: a request error, on the realtime channel and over HTTP', async (_case, query, variables, error) => {
    const { api, calls } = setup();
    expect(await api.prepareSubscription(request(query, variables))).toEqual({ ok: false, errors: [error] });
    expect(await api.execute(request(query, variables))).toEqual({ data: null, errors: [error] });
    expect(calls).toEqual([]);
  });

  it('over HTTP, a skipped subscription field is the same request error (it used to throw out of the api)', async () => {
    const { api, calls } = setup();
    const response = await api.execute(request('subscription S($s: Boolean!) { onPutItem(id: "1") @skip(if: $s) { id } }', { s: true }));
    expect(response).toEqual({ data: null, errors: oneTopLevelField.errors });
    expect(calls).toEqual([]);
  });

  it('a subscription field without a resolver is not prepared', async () => {
    const { api } = setup();
    expect(await api.prepareSubscription(request('subscription { onUnwired { id } }'))).toEqual({
      ok: false,
      errors: [{ path: null, locations: [{ line: 1, column: 1, sourceName: null }], errorType: 'ValidationError', message: 'A subscription field must run its resolver' }],
    });
  });
});

describe('subscriptions left with one root field', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['@skip(if: false)', 'subscription { onPutItem(id: "1") @skip(if: false) { id name } }', {}],
    ['@include through a variable', 'subscription S($i: Boolean!) { onPutItem(id: "1") @include(if: $i) { id name } }', { i: true }],
    ['the field inside a fragment', 'subscription { ...F } fragment F on Subscription { onPutItem(id: "1") { id name } }', {}],
    ['a second field skipped', 'subscription S($s: Boolean!) { onOther @skip(if: $s) { id } onPutItem(id: "1") { id name } }', { s: true }],
    ['one field selected twice, the selections merged', 'subscription { onPutItem(id: "1") { id } ... on Subscription { onPutItem(id: "1") { name } } }', {}],
  ])('%s: prepared from the field that ran, with its filter', async (_case, query, variables) => {
    const { api, calls } = setup();
    const prepared = await api.prepareSubscription(request(query, variables));
    expect(calls.map((c) => `${c.typeName}.${c.fieldName}`)).toEqual(['Subscription.onPutItem']);
    expect(calls[0]?.context.info.selectionSetList).toEqual(['id', 'name']);
    expect(prepared).toMatchObject({
      ok: true,
      fieldName: 'onPutItem',
      arguments: { id: '1' },
      subscriptionFilter: { filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'onPutItem' }] }] },
    });
    if (!prepared.ok) return;
    expect(prepared.field.selectionSet?.selections.map((s) => (s.kind === 'Field' ? s.name.value : s.kind))).toEqual(['id', 'name']);
  });
});
