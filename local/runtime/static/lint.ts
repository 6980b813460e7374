import { Linter } from 'eslint';
import appsyncPlugin from '@aws-appsync/eslint-plugin';
import { createVirtualProgram, VIRTUAL_CODE_PATH, VIRTUAL_DIR } from './virtual-program';
import { HONOUR_INLINE_ESLINT_COMMENTS, THROW_RULE } from './aws-choices';
import { THROW_RULE_ID, type LintFinding } from './lint-finding';

/**
 * Runs the real @aws-appsync/eslint-plugin RECOMMENDED rules (22, five of them type-aware) plus
 * ESLint's no-restricted-syntax for `throw`, in memory, over one code string. Loading this module
 * loads ESLint and TypeScript (most of the twin's memory): static-check.ts requires it only when
 * a code string is not in the lint cache (cached-lint.ts).
 */

const recommended = appsyncPlugin.configs?.recommended;
if (!recommended || Array.isArray(recommended) || !('rules' in recommended)) {
  throw new Error('@aws-appsync/eslint-plugin has no flat "recommended" config');
}
const recommendedConfig = recommended as Linter.Config;

export { THROW_RULE_ID, type LintFinding } from './lint-finding';

const linter = new Linter({ cwd: VIRTUAL_DIR, configType: 'flat' });

function configFor(code: string): Linter.Config[] {
  return [
    {
      files: ['**/*.js'],
      ...recommendedConfig,
      languageOptions: {
        ...recommendedConfig.languageOptions,
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { programs: [createVirtualProgram(code)] },
      },
      linterOptions: { noInlineConfig: !HONOUR_INLINE_ESLINT_COMMENTS, reportUnusedDisableDirectives: 'off' },
      rules: {
        ...recommendedConfig.rules,
        [THROW_RULE_ID]: ['error', { selector: 'ThrowStatement', message: THROW_RULE.message }],
      },
    },
  ];
}

export function lint(code: string): LintFinding[] {
  const messages = linter.verify(code, configFor(code), { filename: VIRTUAL_CODE_PATH });
  const source = linter.getSourceCode();
  // Only errors: with inline config off, ESLint warns about each eslint comment it ignores.
  return messages
    .filter((m) => m.severity === 2)
    .map((m) => {
      // Rule findings carry 1-based columns; a parse failure carries typescript-estree's 0-based one.
      const column0 = m.fatal ? m.column : m.column - 1;
      let length = -1;
      if (source && m.endLine !== undefined && m.endColumn !== undefined) {
        const start = source.getIndexFromLoc({ line: m.line, column: column0 });
        length = source.getIndexFromLoc({ line: m.endLine, column: m.endColumn - 1 }) - start;
      }
      return { ruleId: m.ruleId, message: m.message, fatal: m.fatal === true, line: m.line, column0, length };
    });
}
