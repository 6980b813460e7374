// The `@aws-appsync/utils/rds` module as resolver code imports it, and util.rds.
import { createRequest } from './request';
import { select } from './select';
import { sql } from './sql-template';
import { createToJsonObject } from './to-json-object';
import { createAggregates, createTypeHints } from './type-hint';
import { insert, remove, update } from './write-statements';

export function createRdsModule() {
  return {
    sql,
    createPgStatement: (...statements: unknown[]) => createRequest('pg', 'createPgStatement', statements),
    createMySQLStatement: (...statements: unknown[]) => createRequest('mysql', 'createMySQLStatement', statements),
    select,
    insert,
    update,
    remove,
    typeHint: createTypeHints(),
    agg: createAggregates(),
    toJsonObject: createToJsonObject(),
  };
}

/** util.rds: the same conversion as the module's toJsonObject. */
export function createRdsUtils() {
  return { toJsonObject: createToJsonObject() };
}

export type RdsModule = ReturnType<typeof createRdsModule>;
