/**
 * Wiring and wire types of an AppSync RELATIONAL_DATABASE data source (Aurora through the RDS Data
 * API). The twin runs a pipeline against one (local/runtime/rds-data-source.ts) as far as the
 * request: it checks the RDSRequest a function builds and hands it to an executor the caller
 * supplies. Executing SQL is not part of the twin.
 */

/** AWS's RdsHttpEndpointConfig, less the account-specific ARNs the twin has no use for. */
export interface RelationalDatabaseWiring {
  kind: 'RELATIONAL_DATABASE';
  /** Which createXStatement the resolvers must use. */
  engine: 'POSTGRESQL' | 'MYSQL';
  databaseName: string;
  schema?: string;
}

/** What createPgStatement / createMySQLStatement return and the data source receives. */
export interface RdsRequest {
  statements: string[];
  variableMap: Record<string, unknown>;
  variableTypeHintMap: Record<string, string>;
}

/** The Data API's ExecuteStatement result for one statement (the fields AppSync passes on). */
export interface RdsStatementResult {
  numberOfRecordsUpdated: number;
  records?: Array<Array<Record<string, unknown>>>;
  columnMetadata?: Array<Record<string, unknown>>;
  generatedFields?: unknown[];
}

/** Parsed ctx.result of an RDS function: one entry per statement. */
export interface RdsExecuteResult {
  sqlStatementResults: RdsStatementResult[];
}

/** Runs a checked request against a database; supplied by whoever has one (tests, a local Postgres). */
export type RdsExecutor = (request: RdsRequest, wiring: RelationalDatabaseWiring) => Promise<RdsExecuteResult>;
