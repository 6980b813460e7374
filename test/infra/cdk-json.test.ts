import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCdkJson, repoRoot } from './support/chat-app';

const recommendedFlags = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules', 'aws-cdk-lib', 'recommended-feature-flags.json'), 'utf8'),
) as Record<string, unknown>;

describe('cdk.json', () => {
  const cdkJson = readCdkJson();

  it('runs the CDK app with tsx', () => {
    expect(cdkJson.app).toBe('npx tsx infra/app.ts');
  });

  it('turns off notices and CLI telemetry (no network on these machines)', () => {
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.context['cli-telemetry']).toBe(false);
  });

  it('sets every feature flag aws-cdk-lib recommends for a new app, at the recommended value', () => {
    expect(Object.keys(recommendedFlags).length).toBeGreaterThan(50);
    for (const [flag, value] of Object.entries(recommendedFlags)) {
      expect([flag, cdkJson.context[flag]]).toEqual([flag, value]);
    }
  });
});
