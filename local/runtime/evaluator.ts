// The evaluator resolver tests use: the local runtime by default, the real AppSync EvaluateCode
// when APPSYNC_EVALUATE=aws (credentials from the usual AWS chain, region from AWS_REGION).
import { AppSyncClient, type EvaluateCodeCommand, type EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { LocalAppSyncClient } from './local-appsync-client';

export interface Evaluator {
  send(command: EvaluateCodeCommand): Promise<EvaluateCodeCommandOutput>;
}

export function createEvaluator(): Evaluator {
  if (process.env.APPSYNC_EVALUATE === 'aws') {
    return new AppSyncClient({ region: process.env.AWS_REGION });
  }
  return new LocalAppSyncClient();
}
