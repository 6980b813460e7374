/**
 * The moderation state machine's definition from the content cache. Building it synthesizes the
 * CDK construct (aws-cdk-lib with its template validation: seconds of CPU and over 200 MB at each
 * start), yet it only depends on the construct's sources, cdk.json, the CDK packages and the
 * options; those make the key, so a start with all of them unchanged skips the synth.
 *
 * The table name is not in the key: the entry is synthesized for a placeholder name, which is
 * replaced by the real one on the way out, so twins on tables of other names (every test file
 * has its own) share one synth.
 */
import { readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { ModerationDefinition } from '../stepfunctions/definition';
import { contentKey, findProjectRoot, installedVersion, readEntry, sha256, writeEntry } from './content-cache';
import { sourceClosure } from './source-closure';

/** Bump when the layout of the entries changes. */
const FORMAT = 'moderation/2';

/** The table name the cached definition is synthesized for; a valid DynamoDB table name no real table is likely to have. */
const TABLE_NAME_PLACEHOLDER = 'appsync-twin.moderation-table-name.placeholder';

/** CDK synths run, for tests. */
export const moderationStats = { builds: 0 };

export interface ModerationOptions {
  tableName: string;
  decisionTimeoutSeconds?: number;
}

/** The key for these options and the sources as they are now; undefined if they cannot be read. */
export function moderationKey(options: ModerationOptions): string | undefined {
  const root = findProjectRoot();
  try {
    const { files, packages } = sourceClosure(join(__dirname, '..', 'stepfunctions', `definition${extname(__filename)}`));
    return contentKey([
      FORMAT,
      JSON.stringify([options.decisionTimeoutSeconds ?? null]),
      ...files.map((file) => `${relative(root, file)}\0${sha256(readFileSync(file))}`),
      ...packages.map((name) => installedVersion(name)),
      // definition.ts reads the CDK feature flags from here.
      `cdk.json\0${sha256(readFileSync(join(root, 'cdk.json')))}`,
    ]);
  } catch {
    return undefined;
  }
}

function isDefinition(value: unknown): value is ModerationDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ModerationDefinition>;
  return typeof v.stateMachineArn === 'string' && typeof v.definition === 'object' && v.definition !== null && !Array.isArray(v.definition);
}

/** buildModerationDefinition(options), from the cache when nothing it depends on changed. */
export function moderationDefinition(options: ModerationOptions): ModerationDefinition {
  const key = moderationKey(options);
  const text = key === undefined ? undefined : readEntry('moderation', key);
  if (text !== undefined) {
    try {
      // Table names are [a-zA-Z0-9_.-]: nothing in one needs escaping inside the JSON text.
      const cached: unknown = JSON.parse(text.split(TABLE_NAME_PLACEHOLDER).join(options.tableName));
      if (isDefinition(cached)) return cached;
    } catch {
      // Corrupt: build it.
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CDK synth loads only on a miss
  const { buildModerationDefinition } = require('../stepfunctions/definition') as typeof import('../stepfunctions/definition');
  moderationStats.builds += 1;
  if (key === undefined) return buildModerationDefinition(options);
  const template = JSON.stringify(buildModerationDefinition({ ...options, tableName: TABLE_NAME_PLACEHOLDER }));
  writeEntry('moderation', key, template);
  return JSON.parse(template.split(TABLE_NAME_PLACEHOLDER).join(options.tableName)) as ModerationDefinition;
}
