// util.xml.toMap / toJsonString. Expected values are written out by hand: the two AWS doc
// examples (npm xml-utils.d.ts and the AppSync resolver reference show `"id":1`), then the
// choices in aws-unverified.ts.
import { evaluateCode } from '../../../../local/runtime/evaluate-code';
import { createHarness } from './test-bridge';

const { xml } = createHarness().modules.util;

const ONE_POST = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
</posts>`;

const TWO_POSTS = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AppSync</title>
</post>
</posts>`;

describe('util.xml.toMap', () => {
  it.each<[string, string, unknown]>([
    // AWS documentation
    ['doc example, one post', ONE_POST, { posts: { post: { id: 1, title: 'Getting started with GraphQL' } } }],
    ['doc example, two posts', TWO_POSTS,
      { posts: { post: [{ id: 1, title: 'Getting started with GraphQL' }, { id: 2, title: 'Getting started with AppSync' }] } }],
    ['doc example on one line', '<?xml version="1.0" encoding="UTF-8"?><posts><post><id>1</id><title>Getting started with GraphQL</title></post></posts>',
      { posts: { post: { id: 1, title: 'Getting started with GraphQL' } } }],
    // value conversion
    ['true/false/null, any case', '<a><b>true</b><c>FALSE</c><d>null</d></a>', { a: { b: true, c: false, d: null } }],
    ['numbers', '<a><i>-42</i><f>1.50</f><e>1e3</e><z>0</z></a>', { a: { i: -42, f: 1.5, e: 1000, z: 0 } }],
    ['leading zeros, plus sign, big integers and non-numbers stay strings', '<a><z>007</z><p>+1</p><b>12345678901234567890</b><v>1.2.3</v><h>0x1F</h></a>',
      { a: { z: '007', p: '+1', b: '12345678901234567890', v: '1.2.3', h: '0x1F' } }],
    ['CDATA is never converted or trimmed', '<a><![CDATA[ 42 ]]></a>', { a: ' 42 ' }],
    // entities
    ['the five XML entities', '<a>&amp;&lt;&gt;&quot;&apos;</a>', { a: '&<>"\'' }],
    ['numeric references', '<a>&#65;&#x42;&#X43;&#128512;</a>', { a: 'ABC\u{1f600}' }],
    ['unknown named entity kept as written', '<a>&nbsp;x</a>', { a: '&nbsp;x' }],
    ['CDATA keeps markup characters', '<a><![CDATA[<b>&amp;</b>]]></a>', { a: '<b>&amp;</b>' }],
    ['entities in attribute values', '<a t="x &amp; &#34;y&#34;"/>', { a: { t: 'x & "y"' } }],
    // attributes and mixed content
    ['attributes become keys', '<book id="7" lang=\'en\'><title>T</title></book>', { book: { id: 7, lang: 'en', title: 'T' } }],
    ['attributes plus text: text under "content"', '<price currency="EUR">9.99</price>', { price: { currency: 'EUR', content: 9.99 } }],
    ['attribute-only empty element', '<img src="a.png"/>', { img: { src: 'a.png' } }],
    ['attribute without value', '<input disabled/>', { input: { disabled: '' } }],
    ['mixed content', '<p>Hello <b>world</b> again</p>', { p: { content: ['Hello', 'again'], b: 'world' } }],
    ['namespace prefixes stay', '<s:Envelope xmlns:s="urn:x"><s:Body>1</s:Body></s:Envelope>', { 's:Envelope': { 'xmlns:s': 'urn:x', 's:Body': 1 } }],
    // lists and nesting
    ['nested lists', '<r><g><i>1</i><i>2</i></g><g><i>3</i></g></r>', { r: { g: [{ i: [1, 2] }, { i: 3 }] } }],
    ['non-adjacent repeats still join one list', '<r><a>1</a><b>x</b><a>2</a></r>', { r: { a: [1, 2], b: 'x' } }],
    ['text-only element with two text runs is a list', '<a>x<!-- c -->y</a>', { a: ['x', 'y'] }],
    ['several top-level elements', '<a>1</a><b>2</b><a>3</a>', { a: [1, 3], b: 2 }],
    // whitespace and empties
    ['text is trimmed', '<a>\n   padded text \t\n</a>', { a: 'padded text' }],
    ['inner whitespace kept', '<a>two  spaces</a>', { a: 'two  spaces' }],
    ['empty elements are ""', '<r><a/><b></b><c>   </c><d /></r>', { r: { a: '', b: '', c: '', d: '' } }],
    ['whitespace inside tags', '<a  x = "1" ><b >2</b ></a >', { a: { x: 1, b: 2 } }],
    // skipped markup
    ['comments, PIs and DOCTYPE are skipped', '<!DOCTYPE r [<!ENTITY e "v">]><!-- c --><r><?pi x?><a>1<!-- in -->2</a></r>', { r: { a: [1, 2] } }],
    ['text outside the root is ignored', 'junk <a>1</a> tail', { a: 1 }],
    ['__proto__ is an ordinary key', '<__proto__><x>1</x></__proto__>', JSON.parse('{"__proto__":{"x":1}}')],
    // no element at all
    ['empty string', '', {}],
    ['plain text', 'hello', {}],
  ])('%s', (_label, input, expected) => {
    const result = xml.toMap(input);
    expect(JSON.parse(JSON.stringify(result))).toEqual(expected);
  });

  it.each<[string, string]>([
    ['unclosed root', '<a><b>1</b>'],
    ['unclosed child', '<a><b>1</a>'],
    ['mismatched close tag', '<a>1</b>'],
    ['close tag without open', '</a>'],
    ['stray close tag after root', '<a>1</a></a>'],
    ['bare ampersand', '<a>fish & chips</a>'],
    ['entity without semicolon', '<a>&amp</a>'],
    ['bad numeric reference', '<a>&#xZZ;</a>'],
    ['reference beyond Unicode', '<a>&#x110000;</a>'],
    ['empty tag name', '<>x</>'],
    ['unterminated attribute value', '<a x="1>2</a>'],
    ['attribute with = and no value', '<a x=>2</a>'],
    ['unterminated comment', '<a><!-- x</a>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['unterminated processing instruction', '<?xml version="1.0"'],
    ['truncated open tag', '<a x="1"'],
  ])('malformed: %s gives null', (_label, input) => {
    expect(xml.toMap(input)).toBeNull();
    expect(xml.toJsonString(input)).toBe('null');
  });

  it('a non-string argument gives null', () => {
    expect(xml.toMap(undefined as unknown as string)).toBeNull();
    expect(xml.toMap(null as unknown as string)).toBeNull();
  });

  it('deep nesting does not overflow the stack', () => {
    const depth = 20_000;
    const result = xml.toMap(`${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`);
    let node: unknown = result;
    for (let i = 0; i < depth; i += 1) node = (node as Record<string, unknown>).a;
    expect(node).toBe('x');
  });
});

describe('util.xml.toJsonString', () => {
  it.each<[string, boolean | undefined, string]>([
    [ONE_POST, undefined, '{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}'],
    [ONE_POST, false, '{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}'],
    [ONE_POST, true, '"{\\"posts\\":{\\"post\\":{\\"id\\":1,\\"title\\":\\"Getting started with GraphQL\\"}}}"'],
    ['<a x="&quot;">&lt;</a>', undefined, '{"a":{"x":"\\"","content":"<"}}'],
    ['<a>', true, '"null"'],
  ])('toJsonString(%j, %j)', (input, stringEncode, expected) => {
    const actual = stringEncode === undefined ? xml.toJsonString(input) : xml.toJsonString(input, stringEncode);
    expect(actual).toBe(expected);
  });
});

describe('util.xml through the engine', () => {
  const code = "import { util } from '@aws-appsync/utils'; export function request(ctx) { return util.xml.toMap(ctx.arguments.x); } export function response(ctx) { return ctx.result; }";
  const run = (x: string) => evaluateCode({
    runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
    code,
    context: JSON.stringify({ arguments: { x } }),
    function: 'request',
  });

  it.each<[string, string, unknown]>([
    ['doc example, two posts', TWO_POSTS,
      { posts: { post: [{ id: 1, title: 'Getting started with GraphQL' }, { id: 2, title: 'Getting started with AppSync' }] } }],
    ['conversions and references in the realm', '<p c="EUR">9.99<n>&#x41;&amp;&#66;</n><t>TRUE</t></p>', { p: { c: 'EUR', content: 9.99, n: 'A&B', t: true } }],
    ['malformed', '<a>1</b>', null],
  ])('toMap in a request handler: %s', async (_label, x, expected) => {
    const output = await run(x);
    expect(output.error).toBeUndefined();
    expect(JSON.parse(output.evaluationResult as string)).toEqual(expected);
  });
});
