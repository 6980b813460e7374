import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  buildSchema,
  getNamedType,
  isObjectType,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const root = join(__dirname, '..', '..');
const schema = buildSchema(['schema/aws.graphql', 'schema/schema.graphql'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n'));

/**
 * Runs @graphql-codegen/cli's generate() with codegen.yml in memory (no files written). It runs in
 * a child Node process because the CLI's dependencies are ES modules that jest's CommonJS loader
 * cannot require.
 */
function generateInMemory(): Array<{ filename: string; content: string }> {
  const script = `
    import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
    const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
    const outputs = await generate({ ...config, silent: true }, false);
    process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`graphql-codegen failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Array<{ filename: string; content: string }>;
}

describe('generated types', () => {
  it('are up to date with schema/ and codegen.yml (else run `npx graphql-codegen --config codegen.yml`)', () => {
    const outputs = generateInMemory();
    expect(outputs.map((output) => output.filename).sort()).toEqual(['resolvers/generated/graphql.ts', 'resolvers/generated/operations.ts']);
    for (const output of outputs) {
      expect(readFileSync(join(root, output.filename), 'utf8')).toBe(output.content);
    }
  });

  // AppSync sends subscribers only what the mutation selected, so every mutation behind a
  // subscription selects all of its type, nested types included (Message.reactions).
  it.each([
    ['SendMessage', 'onNewMessage'],
    ['EditMessage', 'onMessageChanged'],
    ['DeleteMessage', 'onMessageChanged'],
    ['React', 'onMessageChanged'],
    ['Unreact', 'onMessageChanged'],
    ['SetTyping', 'onTyping'],
    ['Heartbeat', 'onPresence'],
  ])('gives %s every field of its type, so %s subscribers get whole events', (operationName, _subscription) => {
    const operation = operationDocuments.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operationName,
    );
    if (!operation) throw new Error(`${operationName} is not in schema/operations`);
    expect(operation.operation).toBe('mutation');
    const rootField = operation.selectionSet.selections[0] as FieldNode;
    const returned = getNamedType(schema.getMutationType()?.getFields()[rootField.name.value].type) as GraphQLObjectType;
    expect(rootField.selectionSet && missingFields(returned, rootField.selectionSet)).toEqual([]);
  });
});

const operationDocuments = parse(
  readdirSync(join(root, 'schema/operations'))
    .map((file) => readFileSync(join(root, 'schema/operations', file), 'utf8'))
    .join('\n'),
);
const fragments = new Map(
  operationDocuments.definitions
    .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, fragment]),
);

/** Fields of the type (and of its object-typed fields, recursively) the selection leaves out, as paths. */
function missingFields(type: GraphQLObjectType, selectionSet: SelectionSetNode, prefix = ''): string[] {
  const selected = new Map<string, FieldNode>();
  const collect = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) selected.set(selection.name.value, selection);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) collect(fragments.get(selection.name.value)?.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] });
      else collect(selection.selectionSet);
    }
  };
  collect(selectionSet);
  return Object.values(type.getFields()).flatMap((field) => {
    const node = selected.get(field.name);
    if (!node) return [`${prefix}${field.name}`];
    const named = getNamedType(field.type);
    return isObjectType(named) && node.selectionSet ? missingFields(named, node.selectionSet, `${prefix}${field.name}.`) : [];
  });
}
