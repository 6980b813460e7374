// Formatting an instant with a Java DateTimeFormatter pattern in a time zone (English names).
import { fieldsOf, type DateTimeFields } from './calendar';
import { DAY_NAMES, MONTH_NAMES, tokenizePattern, type PatternToken } from './java-pattern';
import { offsetMinutesAt, zoneName } from './zones';

const pad = (value: number, width: number) => `${Math.abs(value)}`.padStart(width, '0');

function text(full: string, count: number): string {
  if (count === 4) return full;
  if (count === 5) return full[0];
  return full.slice(0, 3);
}

/** Offset text such as +08, +0800, +08:00; `zero` is what a zero offset prints as. */
function offsetText(minutes: number, withColon: boolean, hoursOnlyIfWhole: boolean, zero: string | null): string {
  if (minutes === 0 && zero !== null) return zero;
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const mins = pad(Math.abs(minutes) % 60, 2);
  if (hoursOnlyIfWhole && mins === '00') return `${sign}${hours}`;
  return `${sign}${hours}${withColon ? ':' : ''}${mins}`;
}

function localizedOffset(minutes: number, full: boolean): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const mins = Math.abs(minutes) % 60;
  if (full) return `GMT${sign}${pad(hours, 2)}:${pad(mins, 2)}`;
  return `GMT${sign}${hours}${mins === 0 ? '' : `:${pad(mins, 2)}`}`;
}

function field(token: Extract<PatternToken, { kind: 'field' }>, f: DateTimeFields, offset: number, zone: string, epochMs: number): string {
  const { letter, count } = token;
  switch (letter) {
    case 'G':
      return count === 4 ? (f.year > 0 ? 'Anno Domini' : 'Before Christ') : count === 5 ? (f.year > 0 ? 'A' : 'B') : f.year > 0 ? 'AD' : 'BC';
    case 'u':
    case 'y': {
      const year = letter === 'y' && f.year <= 0 ? 1 - f.year : f.year;
      if (count === 2) return pad(year % 100, 2);
      return (year < 0 ? '-' : '') + pad(year, count);
    }
    case 'Y': {
      // Week-based year (AWS's own rds example formats 'YYYY-MM-dd'): a late-December day whose
      // Sunday-to-Saturday week holds January 1 belongs to the next year (en_US week rules, UNVERIFIED).
      const daysToSaturday = 6 - (f.dayOfWeek % 7);
      const year = f.month === 12 && f.day + daysToSaturday > 31 ? f.year + 1 : f.year;
      if (count === 2) return pad(year % 100, 2);
      return (year < 0 ? '-' : '') + pad(year, count);
    }
    case 'D':
      return pad(f.dayOfYear, count);
    case 'M':
    case 'L':
      return count >= 3 ? text(MONTH_NAMES[f.month - 1], count) : pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'Q':
    case 'q': {
      const quarter = Math.floor((f.month - 1) / 3) + 1;
      if (count === 3) return `Q${quarter}`;
      if (count === 4) return `${quarter}${['st', 'nd', 'rd', 'th'][quarter - 1]} quarter`;
      return pad(quarter, count);
    }
    case 'E':
      return text(DAY_NAMES[f.dayOfWeek - 1], count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.milli, 3).padEnd(count, '0').slice(0, count);
    case 'A':
      return pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.milli, count);
    case 'n':
      return pad(f.milli * 1_000_000, count);
    case 'N':
      return pad((((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.milli) * 1_000_000, count);
    case 'V':
      return zone;
    case 'z':
      return zoneName(zone, epochMs, count === 4 ? 'long' : 'short');
    case 'O':
      return localizedOffset(offset, count === 4);
    case 'X':
    case 'x': {
      const zero = letter === 'X' ? 'Z' : null;
      if (count === 1) return offsetText(offset, false, true, zero);
      return offsetText(offset, count === 3 || count === 5, false, zero);
    }
    case 'Z':
      if (count === 4) return localizedOffset(offset, true);
      if (count === 5) return offsetText(offset, true, false, 'Z');
      return offsetText(offset, false, false, null);
    default:
      throw new TypeError(`Unknown pattern letter: ${letter}`);
  }
}

export function formatEpochMs(epochMs: number, pattern: string, zone: string): string {
  const offset = offsetMinutesAt(zone, epochMs);
  const fields = fieldsOf(epochMs, offset);
  return tokenizePattern(pattern)
    .map((token) => (token.kind === 'literal' ? token.text : field(token, fields, offset, zone, epochMs)))
    .join('');
}
