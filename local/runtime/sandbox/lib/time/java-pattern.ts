// Java DateTimeFormatter.ofPattern syntax split into tokens: runs of one pattern letter, and
// literal text ('quoted', '' for a quote, and any non-letter). Optional sections [ ] are treated
// as always present.

export type PatternToken = { kind: 'field'; letter: string; count: number } | { kind: 'literal'; text: string };

/** The pattern letters this library formats and parses. */
export const SUPPORTED_LETTERS = 'GuyYDMLdQqEaHkKhmsSAnNVzOXxZ';

export function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let text = '';
      i += 1;
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (pattern[i] === "'") break;
        else text += pattern[i++];
      }
      if (i >= pattern.length) throw new TypeError(`Pattern ends with an incomplete string literal: ${pattern}`);
      literal(text);
      i += 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count += 1;
      if (!SUPPORTED_LETTERS.includes(ch)) throw new TypeError(`Unknown pattern letter: ${ch}`);
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
    } else if (ch === '{' || ch === '}' || ch === '#') {
      throw new TypeError(`Pattern includes reserved character: '${ch}'`);
    } else {
      if (ch !== '[' && ch !== ']') literal(ch);
      i += 1;
    }
  }
  return tokens;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
