export { startDynamoDBLocal, JavaNotFoundError, DynamoDBLocalStartError } from './start';
export type { DynamoDBLocal, StartDynamoDBLocalOptions } from './start';
export { ensureTable } from './ensure-table';
export { createLocalDynamoDBClient } from './client';
