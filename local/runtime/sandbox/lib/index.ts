// Entry point of the in-realm AppSync library: the engine bundles this file into each resolver's
// vm context and calls createAppSyncModules once per context. `currentRecord()` is the record of
// the evaluation in progress; `currentAuthType()` is what util.authType() returns.
import type { EvaluationRecord, HostBridge } from '../contract';
import { createDynamoDBModule, type DynamoDBModule } from './dynamodb-module';
import { createExtensions, type AppSyncExtensions } from './extensions/extensions';
import { createRdsModule, type RdsModule } from './rds-module';
import { createRuntime, type AppSyncRuntime } from './runtime';
import { createUtil, type AppSyncUtil } from './util/util';

export interface AppSyncModules {
  util: AppSyncUtil;
  runtime: AppSyncRuntime;
  extensions: AppSyncExtensions;
  /** The `@aws-appsync/utils/dynamodb` module. */
  dynamodb: DynamoDBModule;
  /** The `@aws-appsync/utils/rds` module. */
  rds: RdsModule;
}

export function createAppSyncModules(
  bridge: HostBridge,
  currentRecord: () => EvaluationRecord,
  currentAuthType: () => string,
): AppSyncModules {
  return {
    util: createUtil(bridge, currentRecord, currentAuthType),
    runtime: createRuntime(),
    extensions: createExtensions(currentRecord),
    dynamodb: createDynamoDBModule(),
    rds: createRdsModule(),
  };
}

export { LAMBDA_AUTH_TYPE } from './aws-unverified';
