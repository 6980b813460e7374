export { startDynamoDBLocal, JavaNotFoundError, DynamoDBLocalStartError } from './start';
export type { DynamoDBLocal, DynamoDBLocalExit, SpawnedDynamoDBLocal, StartDynamoDBLocalOptions } from './start';
export { spawnDynamoDBLocalEarly, twinDynamoDBDataDir } from './spawn';
export { superviseDynamoDBLocal, type SupervisedDynamoDBLocal, type SupervisorEvents } from './supervise';
export { DYNAMODB_LOCAL_RESTART } from './limits';
export { ensureTable } from './ensure-table';
export { createLocalDynamoDBClient } from './client';
