// Time zones for util.time: IANA ids through Intl, plus fixed offsets ("+05:30", "UTC", "Z").
import { parseDigits } from '../values';
import { MS_PER_DAY, wallClockMs } from './calendar';

const FIXED_OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const UTC_NAMES = ['UTC', 'Z', 'GMT', 'UT', 'Etc/UTC', 'Etc/GMT'];

// Captured when the library loads: the sandbox removes the Intl global before resolver code runs.
const DateTimeFormat = Intl.DateTimeFormat;

const formatters: Record<string, Intl.DateTimeFormat> = {};

function formatterFor(zone: string): Intl.DateTimeFormat {
  if (!Object.prototype.hasOwnProperty.call(formatters, zone)) {
    formatters[zone] = new DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
  }
  return formatters[zone];
}

function fixedOffsetMinutes(zone: string): number | null {
  if (UTC_NAMES.includes(zone)) return 0;
  const match = FIXED_OFFSET.exec(zone);
  if (!match) return null;
  const minutes = parseDigits(match[2]) * 60 + (match[3] ? parseDigits(match[3]) : 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** Throws (like Java's ZoneId.of) when the zone is unknown. */
export function assertZone(zone: string): void {
  if (fixedOffsetMinutes(zone) === null) formatterFor(zone);
}

/** Offset from UTC, in minutes, that `zone` has at the instant `epochMs`. */
export function offsetMinutesAt(zone: string, epochMs: number): number {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== null) return fixed;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(epochMs)) parts[part.type] = part.value;
  const era = parts.era === 'BC' || parts.era === 'B' ? -1 : 1;
  const year = era === 1 ? parseDigits(parts.year) : 1 - parseDigits(parts.year);
  const wall = wallClockMs(year, parseDigits(parts.month), parseDigits(parts.day),
    parseDigits(parts.hour), parseDigits(parts.minute), parseDigits(parts.second), 0);
  const instantToSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wall - instantToSecond) / 60_000);
}

/**
 * Epoch milliseconds of a wall-clock time in `zone`, resolved as java.time's ZonedDateTime.of
 * does: in a DST overlap the earlier instant wins; a time in a gap moves forward by the gap.
 */
export function wallClockToEpoch(zone: string, wallMs: number): number {
  const offsetBefore = offsetMinutesAt(zone, wallMs - MS_PER_DAY) * 60_000;
  const offsetAfter = offsetMinutesAt(zone, wallMs + MS_PER_DAY) * 60_000;
  const valid = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (instant) => offsetMinutesAt(zone, instant) * 60_000 === wallMs - instant,
  );
  if (valid.length === 0) return wallMs - offsetBefore; // gap
  return Math.min(...valid);
}

/** Short or long display name of the zone at an instant ("UTC", "PST", "Pacific Standard Time"). */
export function zoneName(zone: string, epochMs: number, style: 'short' | 'long'): string {
  if (fixedOffsetMinutes(zone) === 0 && UTC_NAMES.includes(zone)) return style === 'short' ? 'UTC' : 'Coordinated Universal Time';
  const format = new DateTimeFormat('en-US', { timeZone: fixedOffsetMinutes(zone) === null ? zone : 'UTC', timeZoneName: style });
  const part = format.formatToParts(epochMs).find((p) => p.type === 'timeZoneName');
  return part ? part.value : zone;
}
