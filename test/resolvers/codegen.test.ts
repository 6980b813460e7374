import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';

const root = join(__dirname, '..', '..');
const schema = buildSchema(['schema/aws.graphql', 'schema/schema.graphql'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n'));
const messageType = schema.getType('Message') as GraphQLObjectType;

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

  // AppSync sends subscribers only what the mutation selected, so the mutations behind
  // onNewMessage (sendMessage) and onMessageChanged (editMessage, deleteMessage) select all of Message.
  it.each([
    ['SendMessage', 'sendMessage'],
    ['EditMessage', 'editMessage'],
    ['DeleteMessage', 'deleteMessage'],
  ])('gives %s every field of Message in the schema, so subscribers get whole messages', (operation, field) => {
    const operations = readFileSync(join(root, 'resolvers/generated/operations.ts'), 'utf8');
    const selection = new RegExp(`export type ${operation}Mutation = \\{ ${field}: \\{ ([^}]*) \\} \\};`).exec(operations);
    const selected = selection?.[1].split(', ').map((entry) => entry.split(':')[0]);
    expect(selected?.sort()).toEqual(Object.keys(messageType.getFields()).sort());
  });
});
