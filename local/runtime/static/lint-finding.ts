/** What the lint step reports, apart from the linter itself so that reading it loads no ESLint. */

/** ESLint's rule id for the throw check; shown to authors as THROW_RULE.name. */
export const THROW_RULE_ID = 'no-restricted-syntax';

/** A finding as ESLint reports it; `fatal` means the code did not parse. */
export interface LintFinding {
  ruleId: string | null;
  message: string;
  fatal: boolean;
  line: number;
  /** 0-based. */
  column0: number;
  /** Characters from the start to the end of the reported node; -1 if ESLint gave no end. */
  length: number;
}

export function isLintFinding(value: unknown): value is LintFinding {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    (f.ruleId === null || typeof f.ruleId === 'string') &&
    typeof f.message === 'string' &&
    typeof f.fatal === 'boolean' &&
    Number.isInteger(f.line) &&
    Number.isInteger(f.column0) &&
    Number.isInteger(f.length)
  );
}
