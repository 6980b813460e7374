// Proleptic Gregorian calendar arithmetic on epoch milliseconds, so the library needs no Date
// (resolver realms do not offer it). Day algorithms after Howard Hinnant's "days_from_civil".

export const MS_PER_DAY = 86_400_000;

export interface DateTimeFields {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  milli: number;
  dayOfWeek: number; // 1 = Monday ... 7 = Sunday (ISO, as java.time)
  dayOfYear: number;
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Calendar fields of an instant seen at a fixed UTC offset (in minutes). */
export function fieldsOf(epochMs: number, offsetMinutes: number): DateTimeFields {
  const local = epochMs + offsetMinutes * 60_000;
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    milli: msOfDay % 1000,
    dayOfWeek: ((((days + 3) % 7) + 7) % 7) + 1, // 1970-01-01 was a Thursday
    dayOfYear: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Wall-clock fields (taken as UTC) to epoch milliseconds. */
export function wallClockMs(year: number, month: number, day: number, hour: number, minute: number, second: number, milli: number): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
}
