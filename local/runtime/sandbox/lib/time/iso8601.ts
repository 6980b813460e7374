// ISO 8601 text to epoch milliseconds and back. Parsing is lenient like AppSync's: the AWS docs
// parse "2018-02-01T17:21:05.000+0000" (offset without a colon); a missing offset means UTC.
import { parseDigits } from '../values';
import { daysInMonth, fieldsOf, wallClockMs } from './calendar';

const ISO = /^([+-]?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseISO8601(text: string): number {
  const m = ISO.exec(`${text}`);
  if (!m) throw new TypeError(`Invalid format: "${text}"`);
  const sign = m[1].startsWith('-') ? -1 : 1;
  const year = sign * parseDigits(m[1].replace(/^[+-]/, ''));
  const month = parseDigits(m[2]);
  const day = parseDigits(m[3]);
  const hour = m[4] ? parseDigits(m[4]) : 0;
  const minute = m[5] ? parseDigits(m[5]) : 0;
  const second = m[6] ? parseDigits(m[6]) : 0;
  const milli = m[7] ? parseDigits(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new TypeError(`Invalid format: "${text}"`);
  }
  let offset = 0;
  if (m[8] && m[8] !== 'Z') {
    const digits = m[8].slice(1).replace(':', '');
    offset = (parseDigits(digits.slice(0, 2)) * 60 + (digits.length > 2 ? parseDigits(digits.slice(2)) : 0)) * (m[8][0] === '-' ? -1 : 1);
  }
  return wallClockMs(year, month, day, hour, minute, second, milli) - offset * 60_000;
}

/** UTC, always with milliseconds and Z: 2018-02-06T19:01:35.758Z. */
export function toISO8601(epochMs: number): string {
  const f = fieldsOf(Math.floor(epochMs), 0);
  const p = (value: number, width: number) => `${value}`.padStart(width, '0');
  return `${p(f.year, 4)}-${p(f.month, 2)}-${p(f.day, 2)}T${p(f.hour, 2)}:${p(f.minute, 2)}:${p(f.second, 2)}.${p(f.milli, 3)}Z`;
}
