// Which util.matches patterns can be run without vm's watchdog (a thread per evaluation, about
// ten times the cost of the evaluation itself). A pattern qualifies only when the regular
// expression util.matches builds from it, `^(?:pattern)$`, does a bounded amount of work per
// start position whatever the value: a plain sequence of single-character atoms (literals,
// escaped punctuation, \d \w \s and their negations, `.`, character classes), each at most
// once quantified with `?`, `{n}` or `{m,n}`. No groups, alternation, anchors, back-references
// or unbounded quantifiers. The ways of backtracking are then at most the product of the
// quantifiers' ranges, which is capped here.

/** The most ways a qualifying pattern may backtrack at one position (product of the ranges). */
export const MAX_PATTERN_BACKTRACKING = 10_000;
/** The largest count a quantifier of a qualifying pattern may name. */
export const MAX_PATTERN_REPEAT = 1_000;

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const QUANTIFIER = /^\{(\d{1,4})(?:,(\d{1,4}))?\}/;

/** True when the pattern's matching work is bounded (see above); false means "use the watchdog". */
export function isBoundedPattern(pattern: string): boolean {
  let ways = 1;
  let i = 0;
  while (i < pattern.length) {
    const atomEnd = endOfAtom(pattern, i);
    if (atomEnd === null) return false;
    i = atomEnd;
    const next = pattern[i];
    let range = 1;
    if (next === '?') {
      range = 2;
      i += 1;
    } else if (next === '{') {
      const quantifier = QUANTIFIER.exec(pattern.slice(i));
      if (quantifier === null) return false;
      const min = Number(quantifier[1]);
      const max = quantifier[2] === undefined ? min : Number(quantifier[2]);
      if (max < min || max > MAX_PATTERN_REPEAT) return false;
      range = max - min + 1;
      i += quantifier[0].length;
    }
    // A lazy marker changes the order of the ways, not their number.
    if (range > 1 && pattern[i] === '?') i += 1;
    ways *= range;
    if (ways > MAX_PATTERN_BACKTRACKING) return false;
  }
  return true;
}

/** Where the single-character atom at `start` ends, or null if it is not one. */
function endOfAtom(pattern: string, start: number): number | null {
  const c = pattern[start];
  if (c === '.') return start + 1;
  if (c === '\\') return isSimpleEscape(pattern[start + 1]) ? start + 2 : null;
  if (c === '[') return endOfClass(pattern, start);
  return SPECIAL.has(c) ? null : start + 1;
}

/** `\d`-style classes and escaped punctuation; not back-references, \b, \p, \u, \x, \c, \k. */
function isSimpleEscape(c: string | undefined): boolean {
  if (c === undefined) return false;
  return CLASS_ESCAPES.has(c) || !/[A-Za-z0-9]/.test(c);
}

function endOfClass(pattern: string, start: number): number | null {
  let i = start + 1;
  if (pattern[i] === '^') i += 1;
  // `[]` and `[^]` are legal in JavaScript but unusual enough to leave to the watchdog.
  if (pattern[i] === ']') return null;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === ']') return i + 1;
    if (c === '\\') {
      if (!isSimpleEscape(pattern[i + 1])) return null;
      i += 1;
    }
  }
  return null;
}
