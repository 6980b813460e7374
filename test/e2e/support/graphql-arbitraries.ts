/**
 * fast-check arbitraries for GraphQL requests built from the API schema: valid operations and
 * operations that are wrong in the small ways real clients and attackers get them wrong (unknown
 * fields and arguments, wrong argument and variable types, missing required arguments, aliases,
 * fragments including cyclic and undefined ones, @skip/@include with literal and variable
 * arguments, several operations with and without operationName, variables missing, null, of the
 * wrong type, deeply nested or huge, and documents with a character dropped or added).
 *
 * The property tests use them over HTTP and over the realtime channel; the arbitraries know
 * nothing about the twin. Good argument values come from pools the test fills with real ids, so
 * that a fair share of the generated operations reach the resolvers and succeed.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** Real values for arguments, by argument name (roomId, messageId, userId, ...). */
export type ValuePools = Record<string, readonly unknown[]>;

export interface GeneratedDocument {
  query: string;
  /** Usually an object; undefined when the request carries none, or null, an array, a string. */
  variables: unknown;
  /** undefined: the request has no operationName. */
  operationName: unknown;
  /** The operations the document defines (before any syntax damage), in order. */
  operations: Array<{ kind: OperationKind; name: string | null; rootFieldCount: number }>;
  /** True when a character was dropped, added or the text cut after printing. */
  damaged: boolean;
  /** Drawn from the valid choices only (it may still be refused: values, access, two subscription fields). */
  strict: boolean;
}

/** A variable the printed text declares, and what the request sends for it. */
interface VariableUse {
  name: string;
  /** The declared type (null: used but not declared). */
  typeText: string | null;
  defaultText: string | null;
  value: { sent: false } | { sent: true; value: unknown };
}

interface Printed {
  text: string;
  variables: VariableUse[];
}

// ---------------------------------------------------------------------------------------------
// Values

/** `arb` once in `1 + absentWeight` draws, else null. */
function sometimes<T>(arb: fc.Arbitrary<T>, absentWeight: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: absentWeight }, { arbitrary: arb, weight: 1 });
}

/** `arb`, and null once in `1 + presentWeight` draws. */
function mostly<T>(arb: fc.Arbitrary<T>, presentWeight: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: arb, weight: presentWeight }, { arbitrary: fc.constant(null), weight: 1 });
}

type Weighted<T> = { arbitrary: fc.Arbitrary<T>; weight: number };

/**
 * The valid choices, plus the faulty ones unless `strict`: half of the documents are drawn
 * strict, so that a fair share reaches the resolvers instead of failing validation.
 */
function choose<T>(strict: boolean, valid: Array<Weighted<T>>, faulty: Array<Weighted<T>>): fc.Arbitrary<T> {
  const [first, ...rest] = strict ? valid : [...valid, ...faulty];
  return fc.oneof(first as Weighted<T>, ...rest);
}

/** A value nested `levels` deep in arrays and objects (the twin bounds variables at 32 levels). */
function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

const unicodeString = fc.string({ unit: 'binary', maxLength: 20 });
const hugeString = fc.constantFrom(2_001, 70_000, 300_000).chain((n) => fc.constantFrom('x', 'é', '😀', '\u0000').map((c) => c.repeat(n)));

/** Something of another type than `type` wants (or broken in shape). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  fc.constant(2 ** 53 + 1),
  fc.constant('not a number'),
);

function scalarValue(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof({ arbitrary: fc.integer({ min: -5, max: 150 }), weight: 4 }, fc.integer(), fc.constant(2 ** 31));
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    default:
      return fc.oneof(
        { arbitrary: fc.string({ minLength: 1, maxLength: 30 }), weight: 4 },
        fc.constantFrom('', ' ', '\n\t', 'x'.repeat(2_000), 'x'.repeat(2_001), 'ROOM#x', '../../etc', '"; DROP TABLE'),
        unicodeString,
      );
  }
}

/** A good value for an argument: from the pools when the test has real ones, else by type. */
function goodValue(argName: string, type: GraphQLInputType, pools: ValuePools): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return fc.array(goodValue(argName, inner.ofType, pools), { maxLength: 3 });
  const named = getNamedType(inner);
  const byType = isEnumType(named) ? fc.constantFrom(...named.getValues().map((v) => v.value as unknown)) : scalarValue(named.name);
  const pool = pools[argName];
  return pool && pool.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 10 }, byType) : byType;
}

/** What a request sends for a declared variable. */
function variableValue(argName: string, type: GraphQLInputType, pools: ValuePools, strict: boolean): fc.Arbitrary<VariableUse['value']> {
  const good: Array<Weighted<VariableUse['value']>> = [{ arbitrary: goodValue(argName, type, pools).map((value) => ({ sent: true as const, value })), weight: 50 }];
  // Strict documents may still leave out a nullable variable.
  if (!isNonNullType(type)) good.push({ arbitrary: fc.constant({ sent: false as const }), weight: 5 });
  return choose(strict, good, [
    { arbitrary: fc.constant({ sent: true as const, value: null }), weight: 2 },
    { arbitrary: fc.constant({ sent: false as const }), weight: 2 },
    { arbitrary: wrongValue.map((value) => ({ sent: true as const, value })), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 200 }).map((levels) => ({ sent: true as const, value: nested(levels, 'deep') })), weight: 1 },
    { arbitrary: hugeString.map((value) => ({ sent: true as const, value })), weight: 1 },
    { arbitrary: unicodeString.map((value) => ({ sent: true as const, value })), weight: 1 },
  ]);
}

/** A GraphQL literal for a JS value (strings as JSON strings, which GraphQL reads the same). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${/^[_A-Za-z]\w*$/.test(k) ? k : 'badKey'}: ${literal(v)}`)
      .join(', ')}}`;
  }
  return 'null';
}

const wrongTypeText = fc.constantFrom('Int', 'String', 'Boolean', '[ID!]', 'Float!', 'Nope', 'ID');

// ---------------------------------------------------------------------------------------------
// Arguments, directives, selections

function argumentArb(arg: GraphQLArgument, fieldIndex: number, pools: ValuePools, strict: boolean): fc.Arbitrary<Printed | null> {
  const name = `${arg.name}${fieldIndex}`;
  const typeText = String(arg.type);
  const asVariable = fc
    .tuple(
      choose<string | null>(
        strict,
        [{ arbitrary: fc.constant(typeText), weight: 40 }],
        [
          { arbitrary: wrongTypeText, weight: 1 },
          // Declared without its non-null marker: the variable may not be used there.
          { arbitrary: fc.constant(typeText.replace(/!$/, '')), weight: 1 },
          { arbitrary: fc.constant(null), weight: 1 },
        ],
      ),
      variableValue(arg.name, arg.type, pools, strict),
    )
    .map(([declared, value]): Printed => ({ text: `${arg.name}: $${name}`, variables: [{ name, typeText: declared, defaultText: null, value }] }));
  // Enum values are bare names in a document.
  const isEnum = isEnumType(getNamedType(arg.type));
  const asLiteral = goodValue(arg.name, arg.type, pools).map((value): Printed => ({ text: `${arg.name}: ${isEnum && typeof value === 'string' ? value : literal(value)}`, variables: [] }));
  const asWrongLiteral = fc
    .oneof(wrongValue, fc.constantFrom('ENUM_LIKE', '$undeclared'))
    .map((value): Printed => ({ text: `${arg.name}: ${typeof value === 'string' && /^[$A-Z]/.test(value) ? value : literal(value)}`, variables: [] }));
  const omitted = { arbitrary: fc.constant(null), weight: 1 };
  return choose<Printed | null>(
    strict,
    [{ arbitrary: asVariable, weight: 24 }, { arbitrary: asLiteral, weight: 8 }, ...(isNonNullType(arg.type) ? [] : [omitted])],
    [{ arbitrary: asWrongLiteral, weight: 1 }, ...(isNonNullType(arg.type) ? [omitted] : [])],
  );
}

function argumentsArb(field: GraphQLField<unknown, unknown>, fieldIndex: number, pools: ValuePools, strict: boolean): fc.Arbitrary<Printed> {
  return fc
    .tuple(
      fc.tuple(...field.args.map((arg) => argumentArb(arg, fieldIndex, pools, strict))),
      strict ? fc.constant(null) : sometimes(fc.constantFrom('bogus: 1', 'roomId: "a", roomId: "b"', 'limit: 5'), 30),
    )
    .map(([printed, extra]) => {
      const present = printed.filter((p): p is Printed => p !== null);
      const parts = [...present.map((p) => p.text), ...(extra ? [extra] : [])];
      return { text: parts.length > 0 ? `(${parts.join(', ')})` : '', variables: present.flatMap((p) => p.variables) };
    });
}

/** @skip/@include (or something directive-shaped) on a selection. */
function directivesArb(index: number, strict: boolean): fc.Arbitrary<Printed> {
  const name = `cond${index}`;
  const literalDirectives = fc.constantFrom('@skip(if: true)', '@skip(if: false)', '@include(if: true)', '@include(if: false)');
  const broken = fc.constantFrom('@skip', '@skip(if: "true")', '@include(if: null)', '@skip(if: true) @skip(if: false)', '@unknown', '@aws_iam', '@deprecated');
  const throughVariable = fc
    .tuple(
      fc.constantFrom('skip', 'include'),
      choose<string | null>(strict, [{ arbitrary: fc.constant('Boolean!'), weight: 8 }], [{ arbitrary: fc.constantFrom('Boolean', 'Boolean', 'String', null), weight: 4 }]),
      sometimes(fc.constantFrom('true', 'false'), 3),
      choose<VariableUse['value']>(
        strict,
        [{ arbitrary: fc.boolean().map((value) => ({ sent: true as const, value })), weight: 12 }],
        [
          { arbitrary: fc.constant({ sent: false as const }), weight: 1 },
          { arbitrary: fc.constant({ sent: true as const, value: null }), weight: 1 },
          { arbitrary: fc.constantFrom('yes', 1, 0, [true]).map((value) => ({ sent: true as const, value })), weight: 1 },
        ],
      ),
    )
    .map(([directive, typeText, defaultText, value]): Printed => ({
      text: `@${directive}(if: $${name})`,
      variables: [{ name, typeText, defaultText: typeText === 'Boolean!' ? null : defaultText, value }],
    }));
  return choose<Printed>(
    strict,
    [
      { arbitrary: fc.constant<Printed>({ text: '', variables: [] }), weight: 14 },
      { arbitrary: literalDirectives.map((text): Printed => ({ text, variables: [] })), weight: 3 },
      { arbitrary: throughVariable, weight: 3 },
    ],
    [{ arbitrary: broken.map((text): Printed => ({ text, variables: [] })), weight: 1 }],
  );
}

/** Fragments a selection may spread: name, type condition, body, and what they spread in turn. */
const FRAGMENT_LIBRARY: Record<string, { on: string; body: string; spreads: string[] }> = {
  MessageFields: { on: 'Message', body: 'id roomId content sender', spreads: [] },
  RoomFields: { on: 'Room', body: 'id name createdBy', spreads: [] },
  // Cycles: validation must refuse them, and nothing may recurse on them before it does.
  CycleA: { on: 'Message', body: 'id ...CycleB', spreads: ['CycleB'] },
  CycleB: { on: 'Message', body: 'content ...CycleA', spreads: ['CycleA'] },
  Itself: { on: 'Message', body: 'id ...Itself', spreads: ['Itself'] },
  OnUnknownType: { on: 'Nope', body: 'id', spreads: [] },
};
const SPREADABLE = [...Object.keys(FRAGMENT_LIBRARY), 'Missing'];

function selectionSetArb(type: GraphQLObjectType, depth: number, strict: boolean): fc.Arbitrary<string> {
  // Strict selections skip object fields they cannot select into (depth spent).
  const fields = Object.values(type.getFields()).filter((f) => !strict || depth > 0 || !isObjectType(getNamedType(f.type)));
  const fieldItem = fc.constantFrom(...fields).chain((field): fc.Arbitrary<string> => {
    const named = getNamedType(field.type);
    const inner = isObjectType(named) && depth > 0 ? selectionSetArb(named, depth - 1, strict) : fc.constant(null);
    const sub = isObjectType(named) && depth > 0 && !strict ? mostly(inner, 8) : inner;
    // Aliases that may collide with another field's response key are not strict.
    // Names of Object.prototype members are legal aliases too.
    const alias = sometimes(strict ? fc.constant(`${field.name}Alias`) : fc.constantFrom('a', 'b', 'id', 'content', '__proto__', 'constructor'), 6);
    const directive = fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, fc.constantFrom(' @skip(if: true)', ' @include(if: false)', ' @skip(if: false)'));
    return fc.tuple(alias, sub, directive).map(([a, s, d]) => `${a ? `${a}: ` : ''}${field.name}${d}${s ? ` ${s}` : ''}`);
  });
  const odd = fc.constantFrom('__typename', 'bogus', 'id { x }', `... on ${type.name} { __typename }`, '... on Room { id }', '...', '{ id }');
  const fitting = Object.keys(FRAGMENT_LIBRARY).filter((name) => FRAGMENT_LIBRARY[name]?.on === type.name && FRAGMENT_LIBRARY[name]?.spreads.length === 0);
  const spread = (fitting.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...fitting), weight: 3 }, fc.constantFrom(...SPREADABLE)) : fc.constantFrom(...SPREADABLE)).map((name) => `...${name}`);
  const fittingSpread = fitting.length > 0 ? [{ arbitrary: fc.constantFrom(...fitting).map((name) => `...${name}`), weight: 3 }] : [];
  const items = strict
    ? fc.oneof({ arbitrary: fieldItem, weight: 40 }, ...fittingSpread)
    : fc.oneof({ arbitrary: fieldItem, weight: 40 }, { arbitrary: odd, weight: 1 }, { arbitrary: spread, weight: 3 });
  return fc
    .array(items, { minLength: 1, maxLength: 5 })
    .map((items) => `{ ${items.join(' ')} }`);
}

// ---------------------------------------------------------------------------------------------
// Root fields, operations, documents

interface RootCall {
  text: string;
  variables: VariableUse[];
}

function rootTypeOf(schema: GraphQLSchema, kind: OperationKind): GraphQLObjectType | null | undefined {
  return kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

function rootFieldArb(schema: GraphQLSchema, kind: OperationKind, fieldIndex: number, pools: ValuePools, strict: boolean): fc.Arbitrary<RootCall> {
  const ownFields = Object.values(rootTypeOf(schema, kind)?.getFields() ?? {});
  const others = (['query', 'mutation', 'subscription'] as const).filter((k) => k !== kind).flatMap((k) => Object.values(rootTypeOf(schema, k)?.getFields() ?? {}));
  const fieldArb = choose<GraphQLField<unknown, unknown> | string>(
    strict,
    [{ arbitrary: fc.constantFrom(...ownFields), weight: 20 }],
    [
      { arbitrary: fc.constantFrom(...others), weight: 1 },
      { arbitrary: fc.constantFrom('deleteRoom', '__typename', '__schema { types { name } }', 'onNewMessages'), weight: 1 },
    ],
  );
  return fieldArb.chain((field) => {
    if (typeof field === 'string') return fc.constant({ text: field, variables: [] });
    const named = getNamedType(field.type);
    const selection = isObjectType(named)
      ? strict
        ? selectionSetArb(named, 2, strict)
        : mostly(selectionSetArb(named, 2, strict), 12)
      : strict
        ? fc.constant(null)
        : sometimes(fc.constant('{ id }'), 12);
    // Each root field's alias is its own, so strict root fields never collide.
    const alias = sometimes(fc.constantFrom(`r${fieldIndex}`, `first${fieldIndex}`, ...(strict ? [] : ['__proto__', 'toString'])), 4);
    return fc
      .tuple(alias, argumentsArb(field, fieldIndex, pools, strict), directivesArb(fieldIndex, strict), selection)
      .map(([alias, args, directives, sel]) => ({
        text: `${alias ? `${alias}: ` : ''}${field.name}${args.text}${directives.text ? ` ${directives.text}` : ''}${sel ? ` ${sel}` : ''}`,
        variables: [...args.variables, ...directives.variables],
      }));
  });
}

interface OperationPlan {
  kind: OperationKind;
  name: string | null;
  /** How the root fields sit in the operation: as they are, in an inline fragment, or in a named one. */
  wrapping: 'plain' | 'inline' | 'inline-excluded' | 'named';
  calls: RootCall[];
}

function operationArb(schema: GraphQLSchema, kind: OperationKind, index: number, pools: ValuePools, strict: boolean): fc.Arbitrary<OperationPlan> {
  // A mutation selects one root field, so that "refused" means "nothing ran": with two, the first
  // may succeed and the second fail, and non-null propagation leaves data null after a write.
  const maxCalls = kind === 'mutation' ? 1 : kind === 'subscription' ? 2 : 3;
  return fc.record({
    kind: fc.constant(kind),
    // Strict: every operation named, and each name its own.
    name: strict ? fc.constant(`Op${index}`) : sometimes(fc.constantFrom(`Op${index}`, 'Same'), 1),
    wrapping: fc.oneof({ arbitrary: fc.constant('plain' as const), weight: 20 }, fc.constantFrom('inline' as const, 'inline-excluded' as const, 'named' as const)),
    calls: fc.tuple(...Array.from({ length: maxCalls }, (_, i) => rootFieldArb(schema, kind, index * 10 + i, pools, strict))).chain((calls) =>
      // Mostly one root field; a second subscription field is refused, so it stays rare there.
      fc.oneof({ arbitrary: fc.constant(1), weight: kind === 'subscription' ? 8 : 3 }, fc.integer({ min: 1, max: maxCalls })).map((n) => calls.slice(0, n)),
    ),
  });
}

const kindArb = (kinds: readonly OperationKind[]) => fc.constantFrom(...kinds);

/** Drops, adds or cuts at one place: documents that are almost right. */
const damageArb = sometimes(
  fc.tuple(fc.constantFrom('drop', 'insert', 'cut') as fc.Arbitrary<'drop' | 'insert' | 'cut'>, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('{', '}', '(', ')', '[', '$', '@', ':', '!', '"', '.', '#', '\\', '\u0000', 'é')),
  10,
);

type Damage = ['drop' | 'insert' | 'cut', number, string];

function damage(text: string, how: Damage): string {
  const [kind, where, char] = how;
  const at = Math.floor(where * text.length);
  if (kind === 'drop') return text.slice(0, at) + text.slice(at + 1);
  if (kind === 'insert') return text.slice(0, at) + char + text.slice(at);
  return text.slice(0, at);
}

function printOperation(plan: OperationPlan, index: number, fragments: string[]): { text: string; variables: VariableUse[] } {
  const variables = plan.calls.flatMap((c) => c.variables);
  const declared = variables.filter((v) => v.typeText !== null);
  const definitions = declared.length > 0 ? `(${declared.map((v) => `$${v.name}: ${v.typeText}${v.defaultText ? ` = ${v.defaultText}` : ''}`).join(', ')})` : '';
  const body = plan.calls.map((c) => c.text).join(' ');
  const rootType = plan.kind === 'query' ? 'Query' : plan.kind === 'mutation' ? 'Mutation' : 'Subscription';
  let selection: string;
  switch (plan.wrapping) {
    case 'plain':
      selection = body;
      break;
    case 'inline':
      selection = `... on ${rootType} { ${body} }`;
      break;
    case 'inline-excluded':
      selection = `... @include(if: false) { ${body} }`;
      break;
    case 'named': {
      const name = `Root${index}`;
      fragments.push(`fragment ${name} on ${rootType} { ${body} }`);
      selection = `...${name}`;
      break;
    }
  }
  const head = plan.name || definitions ? `${plan.kind}${plan.name ? ` ${plan.name}` : ''}${definitions} ` : plan.kind === 'query' ? '' : `${plan.kind} `;
  return { text: `${head}{ ${selection} }`, variables };
}

/** The fragments a text spreads, with what they spread in turn (undefined names stay undefined). */
function spreadFragments(text: string): string[] {
  const wanted = new Set<string>();
  const pending = [...text.matchAll(/\.\.\.([A-Za-z_]\w*)/g)].map((m) => m[1] as string);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (wanted.has(name) || !(name in FRAGMENT_LIBRARY)) continue;
    wanted.add(name);
    pending.push(...(FRAGMENT_LIBRARY[name]?.spreads ?? []));
  }
  return [...wanted];
}

export interface DocumentOptions {
  /** Operation kinds to draw from (default: all three). */
  kinds?: readonly OperationKind[];
  /** At most this many operations in one document (default 3). */
  maxOperations?: number;
}

/** A whole request: document, variables and operationName. */
export function documentArb(schema: GraphQLSchema, pools: ValuePools, options: DocumentOptions = {}): fc.Arbitrary<GeneratedDocument> {
  const kinds = options.kinds ?? ['query', 'mutation', 'subscription'];
  const maxOperations = options.maxOperations ?? 3;
  return fc.boolean().chain((strict) => requestArb(schema, pools, kinds, maxOperations, strict));
}

function requestArb(schema: GraphQLSchema, pools: ValuePools, kinds: readonly OperationKind[], maxOperations: number, strict: boolean): fc.Arbitrary<GeneratedDocument> {
  const operationsArb = fc
    .oneof({ arbitrary: fc.constant(1), weight: 6 }, fc.integer({ min: 1, max: maxOperations }))
    .chain((count) => fc.array(kindArb(kinds), { minLength: count, maxLength: count }))
    .chain((chosen) => fc.tuple(...chosen.map((kind, i) => operationArb(schema, kind, i, pools, strict))));
  return fc
    .tuple(
      operationsArb,
      choose(strict, [{ arbitrary: fc.constant('exact' as const), weight: 30 }], [{ arbitrary: fc.constantFrom('none' as const, 'extra-unused' as const, 'missing-one' as const), weight: 3 }]),
      fc.constantFrom(...Object.keys(FRAGMENT_LIBRARY)),
      choose<{ kind: 'auto' } | { kind: 'absent' } | { kind: 'value'; value: unknown }>(
        strict,
        [{ arbitrary: fc.constant({ kind: 'auto' as const }), weight: 6 }],
        [
          { arbitrary: fc.constant({ kind: 'absent' as const }), weight: 1 },
          { arbitrary: fc.constantFrom('Nope', '', 42, null, ['Op0']).map((value) => ({ kind: 'value' as const, value })), weight: 1 },
        ],
      ),
      choose(strict, [{ arbitrary: fc.constant('object' as const), weight: 40 }], [{ arbitrary: fc.constantFrom('absent' as const, 'null' as const, 'array' as const, 'string' as const), weight: 4 }]),
      strict ? fc.constant(null) : damageArb,
    )
    .map(([plans, fragmentMode, extraFragment, operationNameChoice, variablesShape, damaged]): GeneratedDocument => {
      const rootFragments: string[] = [];
      const printed = plans.map((plan, i) => printOperation(plan, i, rootFragments));
      const operationsText = [...printed.map((p) => p.text), ...rootFragments].join('\n');
      let spread = spreadFragments(operationsText);
      if (fragmentMode === 'none') spread = [];
      if (fragmentMode === 'extra-unused') spread = [...new Set([...spread, extraFragment])];
      if (fragmentMode === 'missing-one') spread = spread.slice(1);
      const fragmentText = spread.map((name) => {
        const f = FRAGMENT_LIBRARY[name] as { on: string; body: string };
        return `fragment ${name} on ${f.on} { ${f.body} }`;
      });
      let query = [operationsText, ...fragmentText].join('\n');
      if (damaged) query = damage(query, damaged);

      const values: Record<string, unknown> = {};
      for (const v of printed.flatMap((p) => p.variables)) if (v.value.sent) values[v.name] = v.value.value;
      const variables = { object: values, absent: undefined, null: null, array: [values], string: JSON.stringify(values) }[variablesShape];

      const named = plans.map((p) => p.name).filter((n): n is string => n !== null);
      const operationName =
        operationNameChoice.kind === 'absent' ? undefined : operationNameChoice.kind === 'value' ? operationNameChoice.value : plans.length > 1 ? named[named.length - 1] : undefined;
      return {
        query,
        variables,
        operationName,
        operations: plans.map((p) => ({ kind: p.kind, name: p.name, rootFieldCount: p.calls.length })),
        damaged: damaged !== null,
        strict,
      };
    });
}
