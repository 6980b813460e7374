// @aws-appsync/utils/rds and util.rds. AWS documents the generated SQL only in code comments
// (appsync-js-rds.md): each documented example is a row holding AWS's statement verbatim, and the
// expected output is that text with the two choices AWS leaves open applied, visibly:
// one line (the comments break lines for reading) and positional placeholders :P0, :P1, ...
// (the comments' :NAME, :ID, :limit are illustrations). Rows AWS does not document say so.
import { createHarness, thrownBy } from './test-bridge';

const { rds, util } = createHarness().modules;
const { sql, select, insert, update, remove, createPgStatement, createMySQLStatement, typeHint, agg, toJsonObject } = rds;

/** AWS's commented statement -> what the runtime emits: lines joined by one space, doc placeholders renamed in order. */
function asEmitted(documented: string, placeholders: string[] = []): string {
  let text = documented.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
  placeholders.forEach((name, i) => {
    text = text.replace(name, `:P${i}`);
  });
  return text;
}

describe('select: AWS documented examples (createPgStatement)', () => {
  it.each<[string, Record<string, unknown>, string, string[], Record<string, unknown>]>([
    // The doc comment starts with a stray `"`: `"SELECT * FROM "persons"`.
    ['a table', { table: 'persons' }, 'SELECT * FROM "persons"', [], {}],
    ['a schema-qualified table', { table: 'private.persons' }, 'SELECT * FROM "private"."persons"', [], {}],
    ['columns', { table: 'persons', columns: ['id', 'name'] }, 'SELECT "id", "name"\nFROM "persons"', [], {}],
    ['a table-qualified column', { table: 'persons', columns: ['id', 'persons.name'] }, 'SELECT "id", "persons"."name"\nFROM "persons"', [], {}],
    ['limit and offset', { table: 'persons', columns: ['id', 'name'], limit: 10, offset: 40 },
      'SELECT "id", "name"\nFROM "persons"\nLIMIT :limit\nOFFSET :offset', [':limit', ':offset'], { ':P0': 10, ':P1': 40 }],
    ['orderBy', { table: 'persons', columns: ['id', 'name'], orderBy: [{ column: 'name' }, { column: 'id', dir: 'DESC' }] },
      'SELECT "id", "name" FROM "persons"\nORDER BY "name", "id" DESC', [], {}],
    ['where eq', { table: 'persons', columns: ['id', 'name'], where: { name: { eq: 'Stephane' } } },
      'SELECT "id", "name"\nFROM "persons"\nWHERE "name" = :NAME', [':NAME'], { ':P0': 'Stephane' }],
    // The comment writes `and` in lower case; keywords are upper case throughout.
    ['two columns in one where', { table: 'persons', columns: ['id', 'name'], where: { name: { eq: 'Stephane' }, id: { gt: 10 } } },
      'SELECT "id", "name"\nFROM "persons"\nWHERE "name" = :NAME AND "id" > :ID', [':NAME', ':ID'], { ':P0': 'Stephane', ':P1': 10 }],
    ['or', { table: 'persons', columns: ['id', 'name'], where: { or: [{ name: { eq: 'Stephane' } }, { id: { gt: 10 } }] } },
      'SELECT "id", "name"\nFROM "persons"\nWHERE "name" = :NAME OR "id" > :ID', [':NAME', ':ID'], { ':P0': 'Stephane', ':P1': 10 }],
    ['not', { table: 'persons', columns: ['id', 'name'], where: { not: [{ name: { eq: 'Stephane' } }, { id: { gt: 10 } }] } },
      'SELECT "id", "name"\nFROM "persons"\nWHERE NOT ("name" = :NAME AND "id" > :ID)', [':NAME', ':ID'], { ':P0': 'Stephane', ':P1': 10 }],
  ])('%s', (_label, payload, documented, placeholders, variableMap) => {
    expect(createPgStatement(select(payload))).toEqual({
      statements: [asEmitted(documented, placeholders)],
      variableMap,
      variableTypeHintMap: {},
    });
  });
});

describe('insert, update, remove: AWS documented examples', () => {
  it('MySQL insert', () => {
    const values = { name: 'Jon' };
    expect(createMySQLStatement(insert({ table: 'persons', values }))).toEqual({
      statements: [asEmitted('INSERT INTO `persons`(`name`)\nVALUES(:NAME)', [':NAME'])],
      variableMap: { ':P0': 'Jon' },
      variableTypeHintMap: {},
    });
  });

  it('MySQL insert then select: the second statement continues the variable numbering (limit 1 adds LIMIT, not in the comment)', () => {
    const values = { id: 7, name: 'Jon' };
    const request = createMySQLStatement(
      insert({ table: 'persons', values }),
      select({ table: 'persons', columns: '*', where: { id: { eq: values.id } }, limit: 1 }),
    );
    expect(request).toEqual({
      statements: ['INSERT INTO `persons`(`id`, `name`) VALUES(:P0, :P1)', 'SELECT * FROM `persons` WHERE `id` = :P2 LIMIT :P3'],
      variableMap: { ':P0': 7, ':P1': 'Jon', ':P2': 7, ':P3': 1 },
      variableTypeHintMap: {},
    });
  });

  it('PostgreSQL insert with returning *', () => {
    expect(createPgStatement(insert({ table: 'persons', values: { name: 'Jon' }, returning: '*' })).statements).toEqual([
      asEmitted('INSERT INTO "persons"("name")\nVALUES(:NAME)\nRETURNING *', [':NAME']),
    ]);
  });

  // The comment lists "birthday" and "country", which are not in the example's input; the
  // statement follows the input {id: 3, name: "Jon"} and condition {known_since: {ge: "2000"}}.
  it('update with a condition and returning', () => {
    const { id, ...values } = { id: 3, name: 'Jon' };
    const where = { ...{ known_since: { ge: '2000' } }, id: { eq: id } };
    expect(createPgStatement(update({ table: 'persons', values, where, returning: ['id', 'name'] }))).toEqual({
      statements: ['UPDATE "persons" SET "name" = :P0 WHERE "known_since" >= :P1 AND "id" = :P2 RETURNING "id", "name"'],
      variableMap: { ':P0': 'Jon', ':P1': '2000', ':P2': 3 },
      variableTypeHintMap: {},
    });
  });

  // The comment shows `DELETE "persons"`, which PostgreSQL refuses: DELETE FROM (UNVERIFIED).
  it('remove with a condition and returning', () => {
    const where = { ...{ known_since: { ge: '2000' } }, id: { eq: 3 } };
    expect(createPgStatement(remove({ table: 'persons', where, returning: ['id', 'name'] }))).toEqual({
      statements: ['DELETE FROM "persons" WHERE "known_since" >= :P0 AND "id" = :P1 RETURNING "id", "name"'],
      variableMap: { ':P0': '2000', ':P1': 3 },
      variableTypeHintMap: {},
    });
  });

  it.each<[string, () => unknown, unknown]>([
    ['select contains', () => createMySQLStatement(select({ table: 'test', where: { name: { contains: 'son' } } })),
      { statements: ['SELECT * FROM `test` WHERE `name` LIKE :P0'], variableMap: { ':P0': '%son%' }, variableTypeHintMap: {} }],
    ['insert', () => createMySQLStatement(insert({ table: 'test', values: { name: 'Luke Skywalker' } })),
      { statements: ['INSERT INTO `test`(`name`) VALUES(:P0)'], variableMap: { ':P0': 'Luke Skywalker' }, variableTypeHintMap: {} }],
    ['update', () => createMySQLStatement(update({ table: 'test', values: { name: 'Luke Skywalker' }, where: { id: { eq: 12123 } } })),
      { statements: ['UPDATE `test` SET `name` = :P0 WHERE `id` = :P1'], variableMap: { ':P0': 'Luke Skywalker', ':P1': 12123 }, variableTypeHintMap: {} }],
    ['remove', () => createMySQLStatement(remove({ table: 'test', where: { id: { eq: 112321 } } })),
      { statements: ['DELETE FROM `test` WHERE `id` = :P0'], variableMap: { ':P0': 112321 }, variableTypeHintMap: {} }],
  ])('@aws-appsync/utils JSDoc example: %s (MySQL)', (_label, build, expected) => {
    expect(build()).toEqual(expected);
  });
});

describe('sql tagged template: AWS documented examples', () => {
  it('the static text is kept exactly (line breaks included); the value is a variable', () => {
    const col = 'x';
    const query = sql`
SELECT * FROM table
WHERE column = ${col}`;
    expect(createMySQLStatement(query)).toEqual({
      statements: ['\nSELECT * FROM table\nWHERE column = :P0'],
      variableMap: { ':P0': 'x' },
      variableTypeHintMap: {},
    });
  });

  it('two statements share one variable map; a value used twice is two variables', () => {
    const { id, text } = { id: '1', text: 'hello' };
    const s1 = sql`insert into Post(id, text) values(${id}, ${text})`;
    const s2 = sql`select * from Post where id = ${id}`;
    expect(createMySQLStatement(s1, s2)).toEqual({
      statements: ['insert into Post(id, text) values(:P0, :P1)', 'select * from Post where id = :P2'],
      variableMap: { ':P0': '1', ':P1': 'hello', ':P2': '1' },
      variableTypeHintMap: {},
    });
  });

  it('createPgStatement does not quote or escape sql text, and a raw string passes through', () => {
    expect(createPgStatement(sql`select * from "Post" where a = 'b'`, 'select 1')).toEqual({
      statements: [`select * from "Post" where a = 'b'`, 'select 1'],
      variableMap: {},
      variableTypeHintMap: {},
    });
  });

  it('typeHint.JSON: the value is sent as JSON text under a JSON hint', () => {
    const arr = [1, 2, 3];
    expect(createPgStatement(sql`select ${typeHint.JSON(arr)}->2 as value`)).toEqual({
      statements: ['select :P0->2 as value'],
      variableMap: { ':P0': '[1,2,3]' },
      variableTypeHintMap: { ':P0': 'JSON' },
    });
  });

  it('a statement inside ${} is spliced in with its own variables (UNVERIFIED)', () => {
    const inner = select({ table: 'persons', columns: ['id'], where: { name: { eq: 'a' } } });
    expect(createPgStatement(sql`select * from t where id in (${inner}) and x = ${1}`).statements).toEqual([
      'select * from t where id in (SELECT "id" FROM "persons" WHERE "name" = :P0) and x = :P1',
    ]);
  });
});

describe('typeHint: each hint puts the value in variableMap and its name in variableTypeHintMap', () => {
  it.each<[string, unknown, unknown]>([
    ['UUID', typeHint.UUID('a8f5f167-f44f-4964-e6c9-6ef7b1e6b0c2'), 'a8f5f167-f44f-4964-e6c9-6ef7b1e6b0c2'],
    ['TIMESTAMP', typeHint.TIMESTAMP('2023-11-14 20:47:11.875'), '2023-11-14 20:47:11.875'],
    ['DATE', typeHint.DATE('2023-12-31'), '2023-12-31'],
    ['TIME', typeHint.TIME('20:47:11'), '20:47:11'],
    ['DECIMAL', typeHint.DECIMAL(12.5), '12.5'],
    ['JSON', typeHint.JSON({ a: [1] }), '{"a":[1]}'],
  ])('%s', (hint, hinted, stored) => {
    expect(createPgStatement(select({ table: 't', where: { c: { eq: hinted } } }))).toEqual({
      statements: ['SELECT * FROM "t" WHERE "c" = :P0'],
      variableMap: { ':P0': stored },
      variableTypeHintMap: { ':P0': hint },
    });
  });

  it('the tutorial insert: a DATE hint inside values, returning *', () => {
    const input = { description: 'Hello World!', due: typeHint.DATE('2023-12-31') };
    expect(createPgStatement(insert({ table: 'todos', values: input, returning: '*' }))).toEqual({
      statements: ['INSERT INTO "todos"("description", "due") VALUES(:P0, :P1) RETURNING *'],
      variableMap: { ':P0': 'Hello World!', ':P1': '2023-12-31' },
      variableTypeHintMap: { ':P1': 'DATE' },
    });
  });

  it('the tutorial between with DATE hints', () => {
    const where = { due: { between: [typeHint.DATE('2023-01-01'), typeHint.DATE('2023-12-31')] } };
    expect(createPgStatement(select({ table: 'todos', where }))).toEqual({
      statements: ['SELECT * FROM "todos" WHERE "due" BETWEEN :P0 AND :P1'],
      variableMap: { ':P0': '2023-01-01', ':P1': '2023-12-31' },
      variableTypeHintMap: { ':P0': 'DATE', ':P1': 'DATE' },
    });
  });

  it('typeHint has exactly the six documented hints (the doc example\'s DATETIME is not one)', () => {
    expect(Object.keys(typeHint).sort()).toEqual(['DATE', 'DECIMAL', 'JSON', 'TIME', 'TIMESTAMP', 'UUID']);
  });
});

describe('condition operators (SQL rendering UNVERIFIED beyond = and >)', () => {
  it.each<[string, Record<string, unknown>, string, string, Record<string, unknown>]>([
    ['eq', { eq: 'a' }, '"c" = :P0', '`c` = :P0', { ':P0': 'a' }],
    ['ne', { ne: 'a' }, '"c" != :P0', '`c` != :P0', { ':P0': 'a' }],
    ['lt', { lt: 1 }, '"c" < :P0', '`c` < :P0', { ':P0': 1 }],
    ['le', { le: 1 }, '"c" <= :P0', '`c` <= :P0', { ':P0': 1 }],
    ['gt', { gt: 1 }, '"c" > :P0', '`c` > :P0', { ':P0': 1 }],
    ['ge', { ge: 1 }, '"c" >= :P0', '`c` >= :P0', { ':P0': 1 }],
    ['eq true', { eq: true }, '"c" = :P0', '`c` = :P0', { ':P0': true }],
    ['eq null', { eq: null }, '"c" IS NULL', '`c` IS NULL', {}],
    ['ne null', { ne: null }, '"c" IS NOT NULL', '`c` IS NOT NULL', {}],
    ['contains', { contains: 'son' }, '"c" LIKE :P0', '`c` LIKE :P0', { ':P0': '%son%' }],
    ['notContains', { notContains: 'son' }, '"c" NOT LIKE :P0', '`c` NOT LIKE :P0', { ':P0': '%son%' }],
    ['beginsWith', { beginsWith: 'St' }, '"c" LIKE :P0', '`c` LIKE :P0', { ':P0': 'St%' }],
    ['between', { between: [1, 5] }, '"c" BETWEEN :P0 AND :P1', '`c` BETWEEN :P0 AND :P1', { ':P0': 1, ':P1': 5 }],
    ['attributeExists true', { attributeExists: true }, '"c" IS NOT NULL', '`c` IS NOT NULL', {}],
    ['attributeExists false', { attributeExists: false }, '"c" IS NULL', '`c` IS NULL', {}],
    ['size', { size: { gt: 3 } }, 'LENGTH("c") > :P0', 'CHAR_LENGTH(`c`) > :P0', { ':P0': 3 }],
    ['size between', { size: { between: [1, 9] } }, 'LENGTH("c") BETWEEN :P0 AND :P1', 'CHAR_LENGTH(`c`) BETWEEN :P0 AND :P1', { ':P0': 1, ':P1': 9 }],
    ['two operators on one column', { gt: 1, lt: 9 }, '"c" > :P0 AND "c" < :P1', '`c` > :P0 AND `c` < :P1', { ':P0': 1, ':P1': 9 }],
    ['an undefined operand is left out', { eq: undefined, gt: 2 }, '"c" > :P0', '`c` > :P0', { ':P0': 2 }],
  ])('%s', (_label, operators, pg, mysql, variableMap) => {
    const payload = { table: 't', where: { c: operators } };
    expect(createPgStatement(select(payload))).toEqual({ statements: [`SELECT * FROM "t" WHERE ${pg}`], variableMap, variableTypeHintMap: {} });
    expect(createMySQLStatement(select(payload))).toEqual({ statements: [`SELECT * FROM \`t\` WHERE ${mysql}`], variableMap, variableTypeHintMap: {} });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['or beside a sibling is bracketed', { customerId: { eq: 12123 }, or: [{ status: { eq: 'PENDING' } }, { status: { eq: 'SHIPPING' } }] },
      '"customerId" = :P0 AND ("status" = :P1 OR "status" = :P2)'],
    ['and alone', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '"a" = :P0 AND "b" = :P1'],
    ['and inside or', { or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }, '("a" = :P0 AND "b" = :P1) OR "c" = :P2'],
    ['an or item with two keys', { or: [{ a: { eq: 1 }, b: { eq: 2 } }, { c: { eq: 3 } }] }, '("a" = :P0 AND "b" = :P1) OR "c" = :P2'],
    ['not of an or', { not: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }] }, 'NOT ("a" = :P0 OR "b" = :P1)'],
    ['not beside a sibling', { a: { eq: 1 }, not: [{ b: { eq: 2 } }] }, '"a" = :P0 AND NOT ("b" = :P1)'],
    ['a dotted column', { 'persons.name': { eq: 'x' } }, '"persons"."name" = :P0'],
  ])('%s', (_label, where, text) => {
    expect(createPgStatement(select({ table: 't', where })).statements).toEqual([`SELECT * FROM "t" WHERE ${text}`]);
  });

  it('an empty where object adds no WHERE clause; a sql where is spliced in', () => {
    expect(createPgStatement(select({ table: 't', where: {} })).statements).toEqual(['SELECT * FROM "t"']);
    expect(createPgStatement(select({ table: 't', where: sql`a = ${1}` }))).toEqual({
      statements: ['SELECT * FROM "t" WHERE a = :P0'],
      variableMap: { ':P0': 1 },
      variableTypeHintMap: {},
    });
  });
});

describe('select: inputs AWS declares but does not document (@aws-appsync/utils 1.12.0+)', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a table alias', { table: { p: 'persons' }, columns: ['p.id'] }, 'SELECT "p"."id" FROM "persons" AS "p"'],
    ['column aliases', { table: 'persons', columns: ['id', { fullName: 'name' }] }, 'SELECT "id", "name" AS "fullName" FROM "persons"'],
    ['aggregates', { table: 'orders', columns: [agg.count('id'), { total: agg.sum('price') }, agg.countDistinct('customerId')] },
      'SELECT COUNT("id"), SUM("price") AS "total", COUNT(DISTINCT "customerId") FROM "orders"'],
    ['groupBy and having', { table: 'orders', columns: ['customerId', agg.count('id')], groupBy: ['customerId', 2], having: { id: { count: { gt: 2 } } } },
      'SELECT "customerId", COUNT("id") FROM "orders" GROUP BY "customerId", 2 HAVING COUNT("id") > :P0'],
    ['having maxDistinct', { table: 'orders', groupBy: ['c'], having: { price: { maxDistinct: { le: 9 } } } },
      'SELECT * FROM "orders" GROUP BY "c" HAVING MAX(DISTINCT "price") <= :P0'],
    ['from a subquery', { from: { sub: select({ table: 'persons', where: { a: { eq: 1 } } }) }, columns: ['sub.a'] },
      'SELECT "sub"."a" FROM (SELECT * FROM "persons" WHERE "a" = :P0) AS "sub"'],
    ['join on', { table: 'orders', columns: ['*'], join: [{ table: 'persons', on: sql`orders.person_id = persons.id` }] },
      'SELECT * FROM "orders" JOIN "persons" ON orders.person_id = persons.id'],
    ['leftJoin using', { table: 'orders', leftJoin: [{ table: 'persons', using: ['personId'] }] }, 'SELECT * FROM "orders" LEFT JOIN "persons" USING ("personId")'],
    ['joins in the order written', { table: 'a', innerJoin: [{ table: 'b', using: ['id'] }], crossJoin: [{ table: 'c' }], fullOuterJoinNatural: [{ table: 'd' }] },
      'SELECT * FROM "a" INNER JOIN "b" USING ("id") CROSS JOIN "c" NATURAL FULL OUTER JOIN "d"'],
    ['every clause, in standard SQL order', {
      table: 'orders', columns: ['status'], where: { price: { gt: 1 } }, groupBy: ['status'], having: { price: { sum: { gt: 100 } } },
      orderBy: [{ column: 'status', dir: 'asc' }], limit: 5, offset: 10,
    }, 'SELECT "status" FROM "orders" WHERE "price" > :P0 GROUP BY "status" HAVING SUM("price") > :P1 ORDER BY "status" ASC LIMIT :P2 OFFSET :P3'],
    ['a name with the quote character is escaped by doubling', { table: 'we"ird' }, 'SELECT * FROM "we""ird"'],
  ])('%s', (_label, payload, text) => {
    expect(createPgStatement(select(payload)).statements).toEqual([text]);
  });

  it('MySQL quotes with backticks and doubles a backtick inside a name', () => {
    expect(createMySQLStatement(select({ table: 'private.per`sons', columns: ['id'] })).statements).toEqual(['SELECT `id` FROM `private`.`per``sons`']);
  });

  it('returning with aliases (PostgreSQL)', () => {
    expect(createPgStatement(remove({ table: 'persons', where: { id: { eq: 1 } }, returning: ['id', { who: 'name' }] })).statements).toEqual([
      'DELETE FROM "persons" WHERE "id" = :P0 RETURNING "id", "name" AS "who"',
    ]);
  });

  it('update without where has no WHERE clause; values keep their key order', () => {
    expect(createPgStatement(update({ table: 't', values: { b: 1, a: 2 } }))).toEqual({
      statements: ['UPDATE "t" SET "b" = :P0, "a" = :P1'],
      variableMap: { ':P0': 1, ':P1': 2 },
      variableTypeHintMap: {},
    });
  });

  it('statement2 = null gives one statement; variableTypeHintMap is always present', () => {
    expect(createPgStatement('select 1', null)).toEqual({ statements: ['select 1'], variableMap: {}, variableTypeHintMap: {} });
  });

  it('a statement object shows nothing internal when serialised', () => {
    expect(JSON.stringify(select({ table: 't' }))).toBe('{}');
    expect(JSON.stringify(typeHint.UUID('x'))).toBe('{}');
  });
});

describe('rds errors for bad inputs (messages are the runtime\'s; AWS documents none)', () => {
  const t = 'persons';
  it.each<[string, () => unknown, string]>([
    ['createPgStatement()', () => createPgStatement(), 'createPgStatement needs a statement (a sql`` template, a select/insert/update/remove statement or a string)'],
    ['createMySQLStatement(null)', () => createMySQLStatement(null), 'createMySQLStatement needs a statement (a sql`` template, a select/insert/update/remove statement or a string)'],
    ['three statements', () => createPgStatement('a', 'b', 'c'), 'createPgStatement accepts at most 2 statements, got 3'],
    ['a number as a statement', () => createPgStatement(42), 'createPgStatement: statement 1 must be a sql`` template, a select/insert/update/remove statement or a string'],
    ['a plain object as statement 2', () => createMySQLStatement('select 1', { table: t }), 'createMySQLStatement: statement 2 must be a sql`` template, a select/insert/update/remove statement or a string'],
    ['returning with MySQL', () => createMySQLStatement(insert({ table: t, values: { a: 1 }, returning: '*' })), 'returning is only supported by PostgreSQL (createPgStatement)'],
    ['sql called as a function', () => sql('select 1'), 'sql must be used as a tagged template: sql`SELECT ... ${value}`'],
    ['select without a payload', () => select(undefined), "select needs an object such as { table: 'persons', ... }"],
    ['select without a table', () => select({ columns: ['id'] }), 'select needs a table (or from)'],
    ['select with table and from', () => select({ table: t, from: 'x' }), 'select takes table or from, not both'],
    ['a numeric table', () => select({ table: 5 }), "select: table must be a name or an alias object such as { p: 'persons' }"],
    ['an alias object with two keys', () => select({ table: { a: 'x', b: 'y' } }), 'An alias object must have exactly one key: { alias: value }'],
    ['empty columns', () => select({ table: t, columns: [] }), "columns must be '*' or a non-empty array of column names, aliases or aggregates"],
    ['a numeric column', () => select({ table: t, columns: [1] }), "columns: each column must be a name, an alias object or an aggregate (agg.count('id'), ...)"],
    ['in (not an AppSync operator)', () => select({ table: t, where: { id: { in: [1, 2] } } }), 'Unsupported operator "in" on "id"'],
    ['a misspelt operator', () => select({ table: t, where: { id: { equals: 1 } } }), 'Unsupported operator "equals" on "id"'],
    ['a value instead of operators', () => select({ table: t, where: { id: 1 } }), 'The condition on "id" must be an object of operators, such as { eq: value }'],
    ['between with one value', () => select({ table: t, where: { id: { between: [1] } } }), '"between" on "id" needs an array of two values'],
    ['attributeExists not boolean', () => select({ table: t, where: { id: { attributeExists: 'yes' } } }), '"attributeExists" on "id" must be true or false'],
    ['contains a number', () => select({ table: t, where: { name: { contains: 5 } } }), '"contains" on "name" needs a string'],
    ['size with a string operator', () => select({ table: t, where: { name: { size: { contains: 'x' } } } }), 'Unsupported operator "contains" on "name.size"'],
    ['an empty or', () => select({ table: t, where: { or: [] } }), '"or" must be a non-empty array of condition objects'],
    ['not given an object', () => select({ table: t, where: { not: { a: { eq: 1 } } } }), '"not" must be a non-empty array of condition objects'],
    ['a string where', () => select({ table: t, where: 'id = 1' }), 'where must be a condition object or a sql`` statement'],
    ['orderBy not an array', () => select({ table: t, orderBy: { column: 'id' } }), "orderBy must be an array of { column, dir?: 'ASC' | 'DESC' }"],
    ['orderBy with a bad dir', () => select({ table: t, orderBy: [{ column: 'id', dir: 'down' }] }), 'orderBy dir must be \'ASC\', \'DESC\', \'asc\' or \'desc\', got "down"'],
    ['a negative limit', () => select({ table: t, limit: -1 }), 'limit must be a non-negative integer'],
    ['a fractional offset', () => select({ table: t, offset: 1.5 }), 'offset must be a non-negative integer'],
    ['a string limit', () => select({ table: t, limit: '10' }), 'limit must be a non-negative integer'],
    ['groupBy with an object', () => select({ table: t, groupBy: [{}] }), 'groupBy must be an array of column names or column positions'],
    ['a join that is not an array', () => select({ table: t, join: { table: 'x' } }), 'join must be an array of { table, on } or { table, using } objects'],
    ['a join with on and using', () => select({ table: t, join: [{ table: 'x', on: sql`a`, using: ['id'] }] }), 'join: a join takes on or using, not both'],
    ['insert without values', () => insert({ table: t }), 'insert needs values: an object with at least one column'],
    ['insert with empty values', () => insert({ table: t, values: {} }), 'insert needs values: an object with at least one column'],
    ['update without values', () => update({ table: t, where: { id: { eq: 1 } } }), 'update needs values: an object with at least one column'],
    ['remove without a table', () => remove({ where: { id: { eq: 1 } } }), 'remove needs a table (or from)'],
    ['typeHint.UUID of a number', () => typeHint.UUID(5 as unknown as string), 'typeHint.UUID needs a string'],
    ['typeHint.DECIMAL of an object', () => typeHint.DECIMAL({} as unknown as number), 'typeHint.DECIMAL needs a string or a number'],
    ['agg.count without a column', () => agg.count(undefined as unknown as string), 'agg.count needs a column name'],
  ])('%s', (_label, call, message) => {
    const thrown = thrownBy(call) as Error;
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown.message).toBe(message);
  });
});

describe('toJsonObject and util.rds.toJsonObject', () => {
  // AWS's worked example (select * from Books limit 2), columnMetadata shortened to the keys used.
  const column = (name: string, precision: number) => ({
    isSigned: false, isCurrency: false, label: name, precision, typeName: 'VARCHAR', scale: 0, isAutoIncrement: false,
    isCaseSensitive: false, schemaName: '', tableName: 'Books', type: 12, nullable: 0, arrayBaseColumnType: 0, name,
  });
  const books = {
    sqlStatementResults: [{
      numberOfRecordsUpdated: 0,
      records: [
        [{ stringValue: 'Mark Twain' }, { stringValue: 'Adventures of Huckleberry Finn' }, { stringValue: '978-1948132817' }],
        [{ stringValue: 'Jack London' }, { stringValue: 'The Call of the Wild' }, { stringValue: '978-1948132275' }],
      ],
      columnMetadata: [column('author', 200), column('title', 200), column('ISBN-13', 15)],
    }],
  };
  const documentedRows = [
    { author: 'Mark Twain', title: 'Adventures of Huckleberry Finn', 'ISBN-13': '978-1948132817' },
    { author: 'Jack London', title: 'The Call of the Wild', 'ISBN-13': '978-1948132275' },
  ];

  it.each<[string, (data: unknown) => unknown]>([
    ['module toJsonObject', (data) => toJsonObject(data as string)],
    ['util.rds.toJsonObject', (data) => util.rds.toJsonObject(data as string)],
  ])('%s: AWS\'s Books example, one array of rows per statement, from the JSON string or the object', (_label, convert) => {
    expect(convert(JSON.stringify(books))).toEqual([documentedRows]);
    expect(convert(books)).toEqual([documentedRows]);
  });

  it('two statements: an insert without RETURNING gives an empty list, the select its rows', () => {
    const result = { sqlStatementResults: [{ numberOfRecordsUpdated: 1, generatedFields: [] }, books.sqlStatementResults[0]] };
    expect(toJsonObject(JSON.stringify(result))).toEqual([[], documentedRows]);
  });

  it('every Data API Field kind and the older Value kinds become plain values; label wins over name', () => {
    const meta = ['s', 'l', 'd', 'b', 'n', 'arr', 'i', 'big', 'bit', 'real', 'old', 'blob'].map((name) => ({ name, label: name }));
    meta[0] = { name: 'raw_s', label: 's' };
    const record = [
      { stringValue: 'x' }, { longValue: 9 }, { doubleValue: 1.5 }, { booleanValue: true }, { isNull: true },
      { arrayValue: { stringValues: ['a', 'b'] } }, { intValue: 3 }, { bigIntValue: 4 }, { bitValue: false }, { realValue: 2.5 },
      { arrayValues: [{ intValue: 1 }, { stringValue: 'z' }] }, { blobValue: 'AAE=' },
    ];
    expect(toJsonObject({ sqlStatementResults: [{ numberOfRecordsUpdated: 0, records: [record], columnMetadata: meta }] } as never)).toEqual([[
      { s: 'x', l: 9, d: 1.5, b: true, n: null, arr: ['a', 'b'], i: 3, big: 4, bit: false, real: 2.5, old: [1, 'z'], blob: 'AAE=' },
    ]]);
  });

  it.each<[string, unknown]>([
    ['invalid JSON text', '{"sqlStatementResults": ['],
    ['no sqlStatementResults', '{"records": []}'],
    ['a number', 5],
    ['null', null],
    ['a record longer than its columns', { sqlStatementResults: [{ records: [[{ stringValue: 'a' }, { stringValue: 'b' }]], columnMetadata: [{ name: 'a' }] }] }],
    ['records without columnMetadata', { sqlStatementResults: [{ records: [[{ stringValue: 'a' }]] }] }],
    ['a cell of an unknown kind', { sqlStatementResults: [{ records: [[{ weirdValue: 1 }]], columnMetadata: [{ name: 'a' }] }] }],
  ])('%s gives null', (_label, data) => {
    expect(toJsonObject(data as string)).toBeNull();
    expect(util.rds.toJsonObject(data as string)).toBeNull();
  });
});
