/**
 * The API's schema for GraphiQL's docs, autocompletion and validation: the same SDL the twin
 * and AppSync serve (schema/schema.graphql plus AppSync's scalars and directives), bundled, so
 * the console has it before anyone signs in.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import awsSdl from '../../schema/aws.graphql';
import apiSdl from '../../schema/schema.graphql';

export function apiSchema(): GraphQLSchema {
  return buildSchema(`${awsSdl}\n${apiSdl}`);
}
