// The request bounds of local/graphql/limits.ts: each refuses the request as a whole with a
// ValidationError before any resolver runs, and a request at the bound still runs. The numbers
// are the documented ones (README limits table), not imported from the module under test.
import { request, setup } from './support/api-setup';

const refused = (message: string) => ({ data: null, errors: [{ path: null, locations: [], errorType: 'ValidationError', message }] });

const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
/** `{ node { child { child ... { id } } } }` with `levels` fields on the longest path. */
const nested = (levels: number) => `{ node { ${'child { '.repeat(levels - 2)}id${' }'.repeat(levels - 1)} }`;
/** Fragments F0..F(n-1), each spreading the next twice: 2^n copies of the innermost field. */
const fanOut = (n: number) =>
  `{ ...F0 } ${Array.from({ length: n }, (_, i) => (i + 1 < n ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Query { node { id } }`)).join(' ')}`;
/** A value that, under a key of the variables object (level 1), reaches level `levels`. */
const nestedArrays = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 1; i < levels; i++) value = [value];
  return value;
};
const nestedObjects = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
};

describe('requests over a bound', () => {
  it.each<[string, string, unknown, string]>([
    ['65,537 characters', `{ node { id } }${' '.repeat(65_537 - 15)}`, {}, 'Query document is longer than 65536 characters'],
    ['brackets nested 65 deep', `{ echo(list: ${'['.repeat(63)}1${']'.repeat(63)}) }`, {}, 'Query document nests brackets deeper than 64 levels'],
    ['brackets nested 5,000 deep (the parser overflowed its stack)', `{${'a{'.repeat(5000)}b${'}'.repeat(5001)}`, {}, 'Query document nests brackets deeper than 64 levels'],
    ['1,001 fields', `{ item(id: "1") { ${aliases(1000, 'id')} } }`, {}, 'Query selects more than 1000 fields (fragments expanded)'],
    ['1,002 fields through a fragment spread twice', `{ item(id: "1") { ...F } again: item(id: "2") { ...F } } fragment F on Item { ${aliases(500, 'id')} }`, {}, 'Query selects more than 1000 fields (fragments expanded)'],
    ['2^40 fields through fragments that spread each other', fanOut(40), {}, 'Query selects more than 1000 fields (fragments expanded)'],
    ['200,000 aliases (3 MB)', `{ ${aliases(200_000, 'node { id }')} }`, {}, 'Query document is longer than 65536 characters'],
    ['51 root fields', `{ ${aliases(51, 'node { id }')} }`, {}, 'Query selects more than 50 root fields (fragments expanded)'],
    ['52 root fields through a fragment spread twice', `{ ...R ...R } fragment R on Query { ${aliases(25, 'node { id }')} x: node { id } }`, {}, 'Query selects more than 50 root fields (fragments expanded)'],
    ['depth 11', nested(11), {}, 'Query depth exceeds the limit of 10'],
    ['depth 11 through a fragment', `{ node { ...C } } fragment C on Node { ${'child { '.repeat(9)}id${' }'.repeat(9)} }`, {}, 'Query depth exceeds the limit of 10'],
    ['variables nested 33 levels (arrays)', '{ node { id } }', { a: nestedArrays(33) }, 'Variables are nested deeper than 32 levels'],
    ['variables nested 33 levels (objects)', '{ node { id } }', { a: nestedObjects(33) }, 'Variables are nested deeper than 32 levels'],
    ['variables nested 10,000 levels (the runtime overflowed its stack)', '{ node { id } }', { a: nestedArrays(10_000) }, 'Variables are nested deeper than 32 levels'],
    ['declared variables nested 33 levels', 'query Q($l: [[[ID]]]) { echo(list: $l) }', { l: nestedArrays(33) }, 'Variables are nested deeper than 32 levels'],
  ])('%s: refused before any resolver runs', async (_case, query, variables, message) => {
    const { api, calls } = setup();
    expect(await api.execute(request(query, variables))).toEqual(refused(message));
    expect(calls).toEqual([]);
  });

  it('a fragment cycle is still the validation error, not a hang', async () => {
    const { api, calls } = setup();
    const response = await api.execute(request('{ ...A } fragment A on Query { node { id } ...B } fragment B on Query { ...A }'));
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: null, message: 'Validation error: Cannot spread fragment "A" within itself via "B".' })]);
    expect(calls).toEqual([]);
  });
});

describe('requests at a bound run', () => {
  it.each<[string, string, unknown, number]>([
    ['65,536 characters', `{ node { id } }${' '.repeat(65_536 - 15)}`, {}, 1],
    // Deeper than [[[ID]]]: validation refuses it, but no limit does.
    ['brackets nested 64 deep', `{ echo(list: ${'['.repeat(62)}1${']'.repeat(62)}) }`, {}, 0],
    ['1,000 fields', `{ item(id: "1") { ${aliases(999, 'id')} } }`, {}, 1],
    ['50 root fields', `{ ${aliases(50, 'node { id }')} }`, {}, 50],
    ['depth 10', nested(10), {}, 1],
    ['variables nested 32 levels', '{ node { id } }', { a: nestedArrays(32), b: nestedObjects(32) }, 1],
  ])('%s', async (_case, query, variables, resolverRuns) => {
    const { api, calls } = setup();
    const response = await api.execute(request(query, variables));
    expect(response.errors?.map((e) => e.message) ?? []).not.toContainEqual(expect.stringMatching(/longer than|nests brackets|more than|depth exceeds|nested deeper/));
    expect(calls).toHaveLength(resolverRuns);
  });
});
