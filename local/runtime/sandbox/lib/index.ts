// Entry point of the in-realm AppSync library: the engine bundles this file into each resolver's
// vm context and calls createAppSyncModules once per context.
import type { EvaluationRecord, HostBridge } from '../contract';
import { createRuntime, type AppSyncRuntime } from './runtime';

export interface AppSyncModules {
  util: Record<string, unknown>;
  runtime: AppSyncRuntime;
  extensions: Record<string, unknown>;
  dynamodb: Record<string, unknown>;
}

export function createAppSyncModules(
  _bridge: HostBridge,
  _currentRecord: () => EvaluationRecord,
  _currentAuthType: () => string,
): AppSyncModules {
  return { util: {}, runtime: createRuntime(), extensions: {}, dynamodb: {} };
}
