// Parsing text with a Java DateTimeFormatter pattern to epoch milliseconds. Missing date fields
// default to 1970-01-01 and missing time fields to midnight; an offset or zone in the text wins
// over the `zone` argument.
import { parseDigits } from '../values';
import { daysInMonth, wallClockMs } from './calendar';
import { DAY_NAMES, MONTH_NAMES, tokenizePattern, type PatternToken } from './java-pattern';
import { assertZone, wallClockToEpoch } from './zones';

// Taken from a literal so it works even when the sandbox hides the global RegExp from resolvers.
const RegExpConstructor = /(?:)/.constructor as RegExpConstructor;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = (list: string[], count: number) =>
  list.map((name) => (count === 4 ? name : count === 5 ? name[0] : name.slice(0, 3))).map(escapeRegex).join('|');

const OFFSET = '[+-]\\d{2}(?::?\\d{2})?(?::?\\d{2})?';

function fieldRegex(letter: string, count: number): string {
  switch (letter) {
    case 'M':
    case 'L':
      if (count >= 3) return `(${names(MONTH_NAMES, count)})`;
      break;
    case 'E':
      return `(${names(DAY_NAMES, count)})`;
    case 'a':
      return '(AM|PM)';
    case 'G':
      return '(AD|BC|Anno Domini|Before Christ|A|B)';
    case 'S':
      return `(\\d{${count}})`;
    case 'Q':
    case 'q':
      if (count === 3) return '(Q[1-4])';
      if (count === 4) return '([1-4](?:st|nd|rd|th) quarter)';
      break;
    case 'X':
      return `(Z|${OFFSET})`;
    case 'x':
    case 'Z':
      return count === 4 ? '(GMT(?:[+-]\\d{2}:\\d{2})?)' : `(Z|${OFFSET})`;
    case 'O':
      return '(GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?)';
    case 'V':
    case 'z':
      return '([A-Za-z][A-Za-z0-9_/+-]*)';
    default:
      break;
  }
  if (letter === 'y' || letter === 'u' || letter === 'Y') return count === 2 ? '(\\d{2})' : `([+-]?\\d{${Math.max(count, 1)},})`;
  return count === 1 ? '(\\d+)' : `(\\d{${count}})`;
}

function offsetMinutes(text: string): number {
  if (text === 'Z' || text === 'GMT') return 0;
  const match = /^(?:GMT)?([+-])(\d{1,2}):?(\d{2})?/.exec(text);
  if (!match) throw new TypeError(`Invalid offset: ${text}`);
  const minutes = parseDigits(match[2]) * 60 + (match[3] ? parseDigits(match[3]) : 0);
  return match[1] === '-' ? -minutes : minutes;
}

function signedNumber(text: string): number {
  return text.startsWith('-') ? -parseDigits(text.slice(1)) : parseDigits(text.replace(/^\+/, ''));
}

export function parseToEpochMs(input: string, pattern: string, zone: string): number {
  const tokens = tokenizePattern(pattern);
  const fieldTokens = tokens.filter((t): t is Extract<PatternToken, { kind: 'field' }> => t.kind === 'field');
  const regex = new RegExpConstructor(`^${tokens.map((t) => (t.kind === 'literal' ? escapeRegex(t.text) : fieldRegex(t.letter, t.count))).join('')}$`);
  const match = regex.exec(`${input}`);
  if (!match) throw new TypeError(`Text '${input}' could not be parsed with pattern '${pattern}'`);

  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, milli = 0;
  let pm: boolean | null = null;
  let twelveHour: number | null = null;
  let offset: number | null = null;
  let textZone: string | null = null;
  fieldTokens.forEach((token, index) => {
    const value = match[index + 1];
    const count = token.count;
    switch (token.letter) {
      // Y (week-based year) is read as the calendar year: they differ only in the last days of December.
      case 'y':
      case 'u':
      case 'Y':
        year = count === 2 ? 2000 + parseDigits(value) : signedNumber(value);
        break;
      case 'M':
      case 'L':
        month = count >= 3 ? MONTH_NAMES.findIndex((n) => n.startsWith(value) && (count !== 4 || n === value)) + 1 : parseDigits(value);
        break;
      case 'd':
        day = parseDigits(value);
        break;
      case 'H':
        hour = parseDigits(value);
        break;
      case 'k':
        hour = parseDigits(value) % 24;
        break;
      case 'h':
      case 'K':
        twelveHour = parseDigits(value) % 12;
        break;
      case 'a':
        pm = value === 'PM';
        break;
      case 'm':
        minute = parseDigits(value);
        break;
      case 's':
        second = parseDigits(value);
        break;
      case 'S':
        milli = Math.floor((parseDigits(value) * 1000) / 10 ** count);
        break;
      case 'X':
      case 'x':
      case 'Z':
      case 'O':
        offset = offsetMinutes(value);
        break;
      case 'V':
      case 'z':
        textZone = value;
        break;
      default:
        break; // G, D, Q, E, A, n, N: accepted as text, not used to resolve the instant
    }
  });
  if (twelveHour !== null) hour = twelveHour + (pm ? 12 : 0);
  else if (pm !== null && hour < 12 && pm) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new TypeError(`Text '${input}' could not be parsed: invalid date or time`);
  }
  const wall = wallClockMs(year, month, day, hour, minute, second, milli);
  if (offset !== null) return wall - (offset as number) * 60_000;
  const effectiveZone = textZone ?? zone;
  assertZone(effectiveZone);
  return wallClockToEpoch(effectiveZone, wall);
}
