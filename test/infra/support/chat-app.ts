import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../infra/app';
import type { ChatStack } from '../../../infra/chat-stack';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface CdkJson {
  app: string;
  notices?: boolean;
  context: Record<string, unknown>;
}

export function readCdkJson(): CdkJson {
  return JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as CdkJson;
}

/** The app exactly as `cdk synth` builds it: cdk.json's context (feature flags) plus extra context. */
export function synthChatApp(extraContext: Record<string, unknown> = {}): { app: App; stack: ChatStack; template: Template } {
  const app = new App({ context: { ...readCdkJson().context, ...extraContext } });
  const { stack } = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}
