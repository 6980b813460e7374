/**
 * The API schema as the twin serves it: schema/schema.graphql (the contract AppSync reads)
 * plus schema/aws.graphql (AppSync's own scalars and directives), with the scalars checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { installAwsScalars } from './scalars';

export const schemaDir = join(__dirname, '..', '..', 'schema');

export function loadApiSchema(sdl?: string): GraphQLSchema {
  const aws = readFileSync(join(schemaDir, 'aws.graphql'), 'utf8');
  const api = sdl ?? readFileSync(join(schemaDir, 'schema.graphql'), 'utf8');
  const schema = buildSchema(`${aws}\n${api}`);
  installAwsScalars(schema);
  return schema;
}

/** Which subscription fields each mutation feeds, from @aws_subscribe. */
export function subscriptionsByMutation(schema: GraphQLSchema): Map<string, string[]> {
  const byMutation = new Map<string, string[]>();
  const subscription = schema.getSubscriptionType();
  for (const field of Object.values(subscription?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (mutations?.kind !== 'ListValue') continue;
    for (const m of mutations.values) {
      if (m.kind !== 'StringValue') continue;
      byMutation.set(m.value, [...(byMutation.get(m.value) ?? []), field.name]);
    }
  }
  return byMutation;
}
