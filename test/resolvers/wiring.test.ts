import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType, type GraphQLObjectType } from 'graphql';
import { dataSources, pipelineFunctions, resolvers } from '../../resolvers/wiring';
import { functionSourcePath, resolverSourcePath } from '../../resolvers/bundle';

const root = join(__dirname, '..', '..');
const sdl = ['schema/aws.graphql', 'schema/schema.graphql'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
const schema = buildSchema(sdl);
const rootTypes = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
  (type): type is GraphQLObjectType => type !== null && type !== undefined,
);
const schemaFields = rootTypes.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
const wiredFields = resolvers.map((row) => `${row.typeName}.${row.fieldName}`);
/** Every field of every object type: rows beyond the root types are field resolvers (Room.unreadCount). */
const objectFields = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
  .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));

describe('wiring table', () => {
  it('has the three root types of the schema', () => {
    expect(rootTypes.map((type) => type.name)).toEqual(['Query', 'Mutation', 'Subscription']);
  });

  it.each(schemaFields)('wires %s exactly once', (field) => {
    expect(wiredFields.filter((wired) => wired === field)).toHaveLength(1);
  });

  it.each(wiredFields)('row %s names a field of the schema', (field) => {
    expect(objectFields).toContain(field);
  });

  it('wires no field twice, root or not', () => {
    expect(new Set(wiredFields).size).toBe(wiredFields.length);
  });

  it.each(resolvers.map((row) => [`${row.typeName}.${row.fieldName}`, row] as const))(
    '%s has a source file and only known pipeline functions',
    (_name, row) => {
      expect(existsSync(resolverSourcePath(row.typeName, row.fieldName))).toBe(true);
      expect(row.functions.length).toBeGreaterThan(0);
      expect(row.functions.length).toBeLessThanOrEqual(10);
      const known = pipelineFunctions.map((fn) => fn.name);
      expect(row.functions.filter((name) => !known.includes(name))).toEqual([]);
    },
  );

  it.each(pipelineFunctions.map((fn) => [fn.name, fn] as const))('function %s has a source file and a known data source', (_name, fn) => {
    expect(existsSync(functionSourcePath(fn.name))).toBe(true);
    expect(Object.keys(dataSources)).toContain(fn.dataSource);
  });

  it('names every function once and uses every function', () => {
    const names = pipelineFunctions.map((fn) => fn.name);
    expect(new Set(names).size).toBe(names.length);
    const used = new Set(resolvers.flatMap((row) => row.functions));
    expect(names.filter((name) => !used.has(name))).toEqual([]);
  });

  it('uses only the data source kinds the CDK stack and the twin implement', () => {
    for (const source of Object.values(dataSources)) {
      expect(['AMAZON_DYNAMODB', 'NONE', 'HTTP']).toContain(source.kind);
      // The twin implements one IAM-signed service behind HTTP data sources: Step Functions.
      if (source.kind === 'HTTP') expect(source.signingService).toBe('states');
    }
  });
});
