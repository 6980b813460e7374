// The `sql` tagged template: the static text is kept exactly as written (never quoted or
// escaped); each `${value}` becomes a variable. A statement inside `${}` is spliced in.
import { RDS_NESTED_STATEMENT_INLINED } from '../aws-unverified';
import { RDS_MESSAGES } from './messages';
import { isStatement, makeStatement, type RdsStatement } from './statement';

export function sql(literal: unknown, ...values: unknown[]): RdsStatement {
  if (!Array.isArray(literal) || literal.length !== values.length + 1) throw new TypeError(RDS_MESSAGES.notTemplate);
  const raw = (literal as unknown as { raw?: unknown }).raw;
  // A template with an invalid escape has no cooked text for that part; the raw text stands in.
  const texts = literal.map((text: unknown, i: number) => (typeof text === 'string' ? text : Array.isArray(raw) ? `${raw[i] as string}` : ''));
  const kept = [...values];
  return makeStatement('sql', (writer) => {
    let text = texts[0];
    for (let i = 0; i < kept.length; i++) {
      const value = kept[i];
      text += RDS_NESTED_STATEMENT_INLINED && isStatement(value) ? value.render(writer) : writer.variable(value);
      text += texts[i + 1];
    }
    return text;
  });
}
