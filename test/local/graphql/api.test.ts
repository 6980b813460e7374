import { createGraphQLApi, type ResolverContext, type ResolverOutcome, type MutationPublication, type Invalidation } from '../../../local/graphql/api';
import { loadApiSchema } from '../../../local/graphql/schema';
import type { Caller } from '../../../local/graphql/auth-directives';

const schema = loadApiSchema(`
  schema { query: Query mutation: Mutation subscription: Subscription }
  type Item @aws_cognito_user_pools @aws_iam {
    id: ID!
    at: AWSDateTime
    day: AWSDate
    time: AWSTime
    stamp: AWSTimestamp
    email: AWSEmail
    json: AWSJSON
    url: AWSURL
    phone: AWSPhone
    ip: AWSIPAddress
    secret: String @aws_iam
  }
  type Query {
    item(id: ID!): Item
    echo(at: AWSDateTime, day: AWSDate, time: AWSTime, stamp: AWSTimestamp, email: AWSEmail,
         json: AWSJSON, url: AWSURL, phone: AWSPhone, ip: AWSIPAddress): String
    adminsOnly: String @aws_cognito_user_pools(cognito_groups: ["Admins"])
    failing: Item
    partial: Item
    failingAfterAppend: Item
    noResolver: String
  }
  type Mutation {
    putItem(id: ID!): Item
  }
  type Subscription {
    onPutItem(id: ID): Item @aws_subscribe(mutations: ["putItem"])
  }
`);

const member: Caller = { mode: 'userPool', groups: ['Members'] };
const outcome = (data: unknown, extra: Partial<ResolverOutcome> = {}): ResolverOutcome => ({
  data,
  errors: [],
  invalidations: [],
  subscriptionFilter: null,
  subscriptionInvalidationFilter: null,
  ...extra,
});

function setup(itemValues: Record<string, unknown> = {}) {
  const calls: Array<{ typeName: string; fieldName: string; context: ResolverContext }> = [];
  const published: MutationPublication[] = [];
  const invalidated: Invalidation[] = [];
  const api = createGraphQLApi({
    schema,
    resolverFields: new Set(['Query.item', 'Query.echo', 'Query.adminsOnly', 'Query.failing', 'Query.partial', 'Query.failingAfterAppend', 'Mutation.putItem', 'Subscription.onPutItem']),
    env: { TABLE_NAME: 'chat' },
    onMutation: (p) => published.push(p),
    onInvalidate: (i) => invalidated.push(i),
    runResolver: async (typeName, fieldName, context) => {
      calls.push({ typeName, fieldName, context });
      switch (fieldName) {
        case 'echo':
          return outcome(JSON.stringify(context.arguments));
        case 'failing':
          return outcome(null, { errors: [{ message: 'Room not found', errorType: 'NotFound', data: { roomId: 'r1' }, errorInfo: { hint: 1 } }] });
        case 'partial':
          return outcome({ id: 'p1' }, { errors: [{ message: 'also this', errorType: 'Warning', data: null, errorInfo: null }], responseHeaders: { 'x-partial': 'yes' } });
        case 'failingAfterAppend':
          return outcome(null, {
            errors: [
              { message: 'noted first', errorType: 'Note', data: null, errorInfo: null },
              { message: 'stopped here', errorType: 'ValidationError', data: null, errorInfo: null },
            ],
          });
        case 'putItem':
          return outcome({ id: context.arguments.id, secret: 's', email: 'a@b.co' }, { invalidations: [{ subscriptionField: 'onPutItem', payload: { id: 'x' } }] });
        case 'onPutItem':
          return outcome(null, { subscriptionFilter: { filterGroup: [] } });
        default:
          return outcome({ id: 'i1', ...itemValues });
      }
    },
  });
  return { api, calls, published, invalidated };
}

const request = (query: string, variables?: Record<string, unknown>, caller: Caller = member) => ({
  query,
  variables,
  caller,
  identity: { sub: 'u1' },
  headers: { 'x-test': '1' },
});

describe('AppSync scalars on output', () => {
  it.each<[string, unknown]>([
    ['at', '2026-11-22T17:00:00Z'],
    ['at', '2026-11-22T17:00:00.123+01:00'],
    ['day', '2026-11-22'],
    ['day', '2026-11-22Z'],
    ['time', '17:00'],
    ['time', '17:00:01.5-05:00'],
    ['stamp', 1763830800],
    ['email', 'ann@example.com'],
    ['url', 'https://example.com/x?y=1'],
    ['phone', '+1 555-123-4567'],
    ['ip', '10.0.0.1'],
    ['ip', '2001:db8::1/64'],
  ])('%s accepts %j', async (field, value) => {
    const { api } = setup({ [field]: value });
    const response = await api.execute(request(`{ item(id: "1") { ${field} } }`));
    expect(response).toEqual({ data: { item: { [field]: value } } });
  });

  it('AWSJSON sends an object as JSON text', async () => {
    const { api } = setup({ json: { a: [1, 2] } });
    expect(await api.execute(request('{ item(id: "1") { json } }'))).toEqual({ data: { item: { json: '{"a":[1,2]}' } } });
  });

  it.each<[string, unknown, string]>([
    ['at', '2026-11-22T17:00:00', 'DateTime'],
    ['at', '2026-11-22', 'DateTime'],
    ['day', '2026-13-01', 'Date'],
    ['time', '25:00', 'Time'],
    ['stamp', 1.5, 'Timestamp'],
    ['email', 'not-an-email', 'Email'],
    ['url', 'example.com', 'URL'],
    ['phone', 'call me', 'Phone'],
    ['ip', '300.1.1.1', 'IPAddress'],
    ['ip', '10.0.0.1/33', 'IPAddress'],
  ])('%s rejects %j as a field error', async (field, value, what) => {
    const { api } = setup({ [field]: value });
    const response = await api.execute(request(`{ item(id: "1") { ${field} } }`));
    expect(response).toEqual({
      data: { item: { [field]: null } },
      errors: [
        {
          path: ['item', field],
          data: null,
          errorType: null,
          errorInfo: null,
          locations: [{ line: 1, column: 19, sourceName: null }],
          message: `Can't serialize value (/item/${field}) : Unable to serialize \`${String(value)}\` as a valid ${what} Object.`,
        },
      ],
    });
  });
});

describe('AppSync scalars on input', () => {
  it.each<[string, string, unknown]>([
    ['at', 'AWSDateTime', '2026-11-22T17:00:00Z'],
    ['day', 'AWSDate', '2026-11-22'],
    ['time', 'AWSTime', '08:30:00'],
    ['stamp', 'AWSTimestamp', 0],
    ['email', 'AWSEmail', 'x@y.io'],
    ['url', 'AWSURL', 'wss://h/p'],
    ['phone', 'AWSPhone', '555 1234'],
    ['ip', 'AWSIPAddress', '::1'],
  ])('%s (%s) passes %j through to the resolver', async (arg, type, value) => {
    const { api, calls } = setup();
    const response = await api.execute(request(`query Q($v: ${type}) { echo(${arg}: $v) }`, { v: value }));
    expect(response).toEqual({ data: { echo: JSON.stringify({ [arg]: value }) } });
    expect(calls).toHaveLength(1);
  });

  it('AWSJSON reaches the resolver parsed', async () => {
    const { api, calls } = setup();
    await api.execute(request('query Q($v: AWSJSON) { echo(json: $v) }', { v: '{"k":[true]}' }));
    expect(calls[0]?.context.arguments).toEqual({ json: { k: [true] } });
  });

  it.each<[string, string, unknown]>([
    ['at', 'AWSDateTime', '2026-11-22 17:00'],
    ['day', 'AWSDate', '22/11/2026'],
    ['time', 'AWSTime', '8pm'],
    ['stamp', 'AWSTimestamp', '123'],
    ['email', 'AWSEmail', 'x@'],
    ['json', 'AWSJSON', '{nope'],
    ['url', 'AWSURL', 'no scheme'],
    ['phone', 'AWSPhone', 'abc'],
    ['ip', 'AWSIPAddress', '1.2.3'],
  ])('variable %s (%s) = %j is refused before any resolver runs', async (arg, type, value) => {
    const { api, calls } = setup();
    const response = await api.execute(request(`query Q($v: ${type}) { echo(${arg}: $v) }`, { v: value }));
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: null, message: expect.stringMatching(/^Variable 'v' has an invalid value: /) });
    expect(response.errors?.[0]).not.toHaveProperty('errorType');
    expect(calls).toHaveLength(0);
  });

  it.each<[string, string]>([
    ['email', '"nope"'],
    ['stamp', '"12"'],
    ['at', '"2026-11-22"'],
  ])('literal %s: %s is a WrongType validation error', async (arg, literal) => {
    const { api, calls } = setup();
    const response = await api.execute(request(`{ echo(${arg}: ${literal}) }`));
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(new RegExp(`^Validation error of type WrongType: argument '${arg}' with value '.*' is not a valid '\\w+' @ 'echo'$`));
    expect(response.errors?.[0]?.path).toBeNull();
    expect(calls).toHaveLength(0);
  });
});

describe('AppSync error shapes', () => {
  it('an unknown field is a FieldUndefined validation error with path null and no errorType', async () => {
    const { api, calls } = setup();
    const response = await api.execute(request('{\n  item(id: "1") {\n    nope\n  }\n}'));
    expect(response).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 3, column: 5, sourceName: null }],
          message: "Validation error of type FieldUndefined: Field 'nope' in type 'Item' is undefined @ 'item/nope'",
        },
      ],
    });
    expect(calls).toHaveLength(0);
  });

  it('a missing argument is a MissingFieldArgument validation error', async () => {
    const { api } = setup();
    const response = await api.execute(request('{ item { id } }'));
    expect(response.errors).toEqual([
      { path: null, locations: [{ line: 1, column: 3, sourceName: null }], message: "Validation error of type MissingFieldArgument: Missing field argument id @ 'item'" },
    ]);
  });

  it.each<[string, string, Record<string, unknown> | undefined, string]>([
    ['an unknown argument', '{ item(id: "1", colour: "red") { id } }', undefined, "Validation error of type UnknownArgument: Unknown field argument colour @ 'item'"],
    ['a missing sub-selection', '{ item(id: "1") }', undefined, "Validation error of type SubSelectionRequired: Sub selection required for type Item of field item @ 'item'"],
    ['a sub-selection on a leaf', '{ noResolver { x } }', undefined, "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type String of field noResolver @ 'noResolver'"],
    ['an unknown variable type', 'query Q($v: Colour) { echo(at: $v) }', undefined, 'Validation error of type UnknownType: Unknown type Colour'],
    ['an unused variable', 'query Q($v: ID) { noResolver }', undefined, 'Validation error of type UnusedVariable: Unused variable v'],
    ['a missing required variable', 'query Q($id: ID!) { item(id: $id) { id } }', {}, "Variable 'id' has coerced Null value for NonNull type 'ID!'"],
    ['a null required variable', 'query Q($id: ID!) { item(id: $id) { id } }', { id: null }, "Variable 'id' has coerced Null value for NonNull type 'ID!'"],
  ])('%s is refused with graphql-java wording, path null, no errorType', async (_case, query, variables, message) => {
    const { api, calls } = setup();
    const response = await api.execute(request(query, variables));
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toEqual({ path: null, locations: expect.any(Array), message });
    expect(calls).toHaveLength(0);
  });

  it('a syntax error names the offending token', async () => {
    const { api } = setup();
    const response = await api.execute(request('{ item(id: "1") { id }'));
    expect(response).toEqual({
      data: null,
      errors: [{ path: null, locations: [{ line: 1, column: 23, sourceName: null }], message: "Invalid Syntax : offending token '<EOF>' at line 1 column 23" }],
    });
  });

  it('a group mismatch is an Unauthorized field error and the resolver does not run', async () => {
    const { api, calls } = setup();
    const response = await api.execute(request('query {\n  adminsOnly\n}'));
    expect(response).toEqual({
      data: { adminsOnly: null },
      errors: [
        {
          path: ['adminsOnly'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'Not Authorized to access adminsOnly on type Query',
        },
      ],
    });
    expect(calls).toHaveLength(0);
  });

  it('a nested field the caller may not read is nulled with its own error', async () => {
    const { api } = setup({ secret: 'x' });
    const response = await api.execute(request('{ item(id: "1") { id secret } }'));
    expect(response).toEqual({
      data: { item: { id: 'i1', secret: null } },
      errors: [
        expect.objectContaining({ path: ['item', 'secret'], errorType: 'Unauthorized', message: 'Not Authorized to access secret on type Item' }),
      ],
    });
  });

  it('a resolver error keeps message, errorType, data and errorInfo', async () => {
    const { api } = setup();
    const response = await api.execute(request('{ failing { id } }'));
    expect(response).toEqual({
      data: { failing: null },
      errors: [
        {
          path: ['failing'],
          data: { roomId: 'r1' },
          errorType: 'NotFound',
          errorInfo: { hint: 1 },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'Room not found',
        },
      ],
    });
  });

  it('an appended error is listed beside the value', async () => {
    const { api } = setup();
    const response = await api.execute(request('{ partial { id } }'));
    expect(response).toEqual({
      data: { partial: { id: 'p1' } },
      errors: [{ path: ['partial'], data: null, errorType: 'Warning', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'also this' }],
    });
  });

  it('a pipeline that stops fails the field with its last error and lists the appended ones', async () => {
    const { api } = setup();
    const response = await api.execute(request('{ failingAfterAppend { id } }'));
    const at = { path: ['failingAfterAppend'], data: null, errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }] };
    expect(response).toEqual({
      data: { failingAfterAppend: null },
      errors: [
        { ...at, errorType: 'ValidationError', message: 'stopped here' },
        { ...at, errorType: 'Note', message: 'noted first' },
      ],
    });
  });

  it('response headers set by resolvers are handed to the HTTP route', async () => {
    const { api } = setup();
    const { responseHeaders } = await api.executeWithHeaders(request('{ partial { id } item(id: "1") { id } }'));
    expect(responseHeaders).toEqual({ 'x-partial': 'yes' });
  });

  it('a root field without a resolver is null', async () => {
    const { api } = setup();
    expect(await api.execute(request('{ noResolver }'))).toEqual({ data: { noResolver: null } });
  });
});

describe('resolver context', () => {
  it('carries arguments, identity, request, info and env', async () => {
    const { api, calls } = setup();
    await api.execute(request('query Q($id: ID!) { item(id: $id) { id ... on Item { email } ...F } } fragment F on Item { at }', { id: '7' }));
    expect(calls[0]).toEqual({
      typeName: 'Query',
      fieldName: 'item',
      context: {
        arguments: { id: '7' },
        identity: { sub: 'u1' },
        source: null,
        request: { headers: { 'x-test': '1' }, domainName: null },
        info: {
          fieldName: 'item',
          parentTypeName: 'Query',
          variables: { id: '7' },
          selectionSetList: ['id', 'email', 'at'],
          selectionSetGraphQL: '{\n  id\n  ... on Item {\n    email\n  }\n  ...F\n}\n\nfragment F on Item {\n  at\n}',
        },
        env: { TABLE_NAME: 'chat' },
      },
    });
  });
});

describe('mutations feed subscriptions', () => {
  it('publishes the result cut to the selection, by field name, and applies invalidations', async () => {
    const { api, published, invalidated } = setup();
    const response = await api.execute(request('mutation { made: putItem(id: "9") { ident: id email } }'));
    expect(response).toEqual({ data: { made: { ident: '9', email: 'a@b.co' } } });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ mutationField: 'putItem', result: { id: '9', email: 'a@b.co' }, subscriptionFields: ['onPutItem'] });
    expect(invalidated).toEqual([{ subscriptionField: 'onPutItem', payload: { id: 'x' } }]);
  });

  it('prepares a subscription with its arguments and filters', async () => {
    const { api } = setup();
    const prepared = await api.prepareSubscription(request('subscription S($id: ID) { onPutItem(id: $id) { id } }', { id: '3' }));
    expect(prepared).toMatchObject({ ok: true, fieldName: 'onPutItem', arguments: { id: '3' }, subscriptionFilter: { filterGroup: [] } });
  });

  it('refuses a query on the realtime channel', async () => {
    const { api, calls } = setup();
    expect(await api.prepareSubscription(request('{ noResolver }'))).toEqual({
      ok: false,
      errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }],
    });
    expect(calls).toHaveLength(0);
  });
});
