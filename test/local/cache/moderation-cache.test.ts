// The moderation definition from the content cache: the same definition the CDK synth gives,
// built once per content, and a changed imported source is a new key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR_ENV } from '../../../local/cache/content-cache';
import { moderationDefinition, moderationKey, moderationStats } from '../../../local/cache/moderation-cache';
import { sourceClosure } from '../../../local/cache/source-closure';
import { buildModerationDefinition } from '../../../local/stepfunctions/definition';

describe('sourceClosure', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'closure-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('follows relative imports through files and index modules, and lists the packages', () => {
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'entry.ts'), "import { b } from './b';\nimport type { T } from './lib';\nimport * as fs from 'node:fs';\nimport { App } from 'aws-cdk-lib/core';\n");
    writeFileSync(join(dir, 'b.ts'), "export { c } from './lib/c.js';\nimport x from '@scope/pkg/deep';\n");
    writeFileSync(join(dir, 'lib', 'index.ts'), 'export type T = 1;\n');
    writeFileSync(join(dir, 'lib', 'c.ts'), "const path = require('path');\nexport const c = 1;\n");
    const closure = sourceClosure(join(dir, 'entry.ts'));
    expect(closure.files).toEqual([join(dir, 'b.ts'), join(dir, 'entry.ts'), join(dir, 'lib', 'c.ts'), join(dir, 'lib', 'index.ts')]);
    expect(closure.packages).toEqual(['@scope/pkg', 'aws-cdk-lib']);
  });

  it('throws for a relative import it cannot find', () => {
    writeFileSync(join(dir, 'entry.ts'), "import { gone } from './gone';\n");
    expect(() => sourceClosure(join(dir, 'entry.ts'))).toThrow(/cannot resolve/);
  });
});

describe('moderationDefinition', () => {
  let cacheDir: string;
  const saved = process.env[CACHE_DIR_ENV];
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'moderation-cache-'));
    process.env[CACHE_DIR_ENV] = cacheDir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.APPSYNC_TWIN_CACHE_DIR;
    else process.env[CACHE_DIR_ENV] = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('gives what the CDK synth gives, synthesizing once per content', () => {
    const options = { tableName: 'CacheTable', decisionTimeoutSeconds: 30 };
    const direct = buildModerationDefinition(options);
    const builds = moderationStats.builds;
    expect(moderationDefinition(options)).toEqual(direct);
    expect(moderationStats.builds).toBe(builds + 1);
    expect(moderationDefinition(options)).toEqual(direct);
    expect(moderationStats.builds).toBe(builds + 1);
  }, 120_000);

  it('serves every table name from one synth, each as the CDK synth gives it for that name', () => {
    const names = ['FirstTable', 'second-table.v2', 'Third_Table'];
    const direct = names.map((tableName) => buildModerationDefinition({ tableName, decisionTimeoutSeconds: 40 }));
    const builds = moderationStats.builds;
    expect(names.map((tableName) => moderationDefinition({ tableName, decisionTimeoutSeconds: 40 }))).toEqual(direct);
    expect(moderationStats.builds).toBe(builds + 1);
    // The names really differ in what the synth gives.
    expect(JSON.stringify(direct[0])).toContain('"TableName":"FirstTable"');
    expect(JSON.stringify(direct[1])).toContain('"TableName":"second-table.v2"');
  }, 120_000);

  it('keys on the options and on the construct sources, not on the table name', () => {
    const key = moderationKey({ tableName: 'CacheTable' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(moderationKey({ tableName: 'CacheTable' })).toBe(key);
    expect(moderationKey({ tableName: 'OtherTable' })).toBe(key);
    expect(moderationKey({ tableName: 'CacheTable', decisionTimeoutSeconds: 5 })).not.toBe(key);
    // The construct and the table keys it imports are part of the closure the key hashes.
    const files = sourceClosure(join(__dirname, '..', '..', '..', 'local', 'stepfunctions', 'definition.ts')).files.map((f) => f.split(/[\\/]/).slice(-2).join('/'));
    expect(files).toEqual(expect.arrayContaining(['infra/moderation-workflow.ts', 'lib/keys.ts']));
  });
});
