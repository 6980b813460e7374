// Checked documents are kept by their text: a repeated operation answers exactly as the first
// time, while what depends on the request (variables, operation name) is still checked per request.
import { parse } from 'graphql';
import { DocumentCache } from '../../../local/graphql/document-cache';
import { request, setup } from './support/api-setup';

/** Arrays nested `levels` deep (the variables object is level 1). */
const nestedArrays = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 1; i < levels; i++) value = [value];
  return value;
};

describe('DocumentCache', () => {
  it('keeps at most 256 documents, dropping the least recently used', () => {
    const cache = new DocumentCache();
    const texts = Array.from({ length: 257 }, (_, i) => `{ item(id: "${i}") { id } }`);
    for (const text of texts.slice(0, 256)) cache.remember(text, parse(text));
    expect(cache.get(texts[0])).toBeDefined(); // now the most recently used
    cache.remember(texts[256], parse(texts[256]));
    expect(cache.size).toBe(256);
    expect(cache.get(texts[1])).toBeUndefined();
    expect(cache.get(texts[0])?.kind).toBe('Document');
    expect(cache.get(texts[256])?.kind).toBe('Document');
  });

  it('does not keep texts over 8,192 characters', () => {
    const cache = new DocumentCache();
    const long = `{ item(id: "1") { id } }${' '.repeat(8_192)}`;
    const edge = `{ item(id: "1") { id } }`.padEnd(8_192, ' ');
    cache.remember(long, parse(long));
    cache.remember(edge, parse(edge));
    expect(cache.get(long)).toBeUndefined();
    expect(cache.get(edge)?.kind).toBe('Document');
    expect(cache.size).toBe(1);
  });
});

describe('a repeated operation through the api', () => {
  const query = 'query Q($id: ID!) { item(id: $id) { id } }';

  it('answers the second and later requests as the first', async () => {
    const { api, calls } = setup();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await api.execute(request(query, { id: `x${i}` })));
    expect(answers).toEqual([{ data: { item: { id: 'i1' } } }, { data: { item: { id: 'i1' } } }, { data: { item: { id: 'i1' } } }]);
    expect(calls.map((c) => c.context.arguments)).toEqual([{ id: 'x0' }, { id: 'x1' }, { id: 'x2' }]);
  });

  // Refusals of the request (not of its text) after the document is known: the same as on a first sight.
  it.each([
    ['variables nested 33 levels', { id: 'a', b: nestedArrays(33) }, undefined, 'Variables are nested deeper than 32 levels'],
    // Their wording is graphql-java's, not documented: the first sight is the reference here.
    ['a missing non-null variable', {}, undefined, null],
    ['an unknown operation name', { id: 'a' }, 'Other', null],
  ])('still refuses %s', async (_name, variables, operationName, message) => {
    const first = setup();
    const firstSight = await first.api.execute({ ...request(query, variables), operationName });
    const { api, calls } = setup();
    await api.execute(request(query, { id: 'warm' }));
    const answer = await api.execute({ ...request(query, variables), operationName });
    expect(answer).toEqual(firstSight);
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    if (message !== null) expect(answer.errors?.[0]?.message).toBe(message);
    expect(calls).toHaveLength(1);
  });

  it('refuses an invalid document every time it is sent', async () => {
    const { api, calls } = setup();
    const invalid = '{ item(id: "1") { nope } }';
    const first = await api.execute(request(invalid));
    const second = await api.execute(request(invalid));
    expect(first.data).toBeNull();
    expect(first.errors?.[0]?.message).toContain("Field 'nope' in type 'Item' is undefined");
    expect(second).toEqual(first);
    expect(calls).toHaveLength(0);
  });
});
