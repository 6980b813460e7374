// util.time. Expected values are the examples of the AWS docs ("Time helpers in util.time") and
// values computed independently with the platform's Date/Intl.
import { createHarness, thrownBy } from './test-bridge';

const h = createHarness();
const { time } = h.modules.util;

describe('util.time', () => {
  beforeEach(() => h.bridge.setNow(1_517_943_695_749));

  it('nowISO8601 is UTC with milliseconds and Z', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
  });

  it('nowEpochSeconds and nowEpochMilliSeconds read the bridge clock', () => {
    expect(time.nowEpochSeconds()).toBe(1_517_943_695);
    expect(time.nowEpochMilliSeconds()).toBe(1_517_943_695_749);
  });

  it.each<[string, string | undefined, string]>([
    ['yyyy-MM-dd HH:mm:ssZ', undefined, '2018-02-06 19:01:35+0000'],
    ['yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth', '2018-02-07 03:01:35+0800'],
    ['yyyy-MM-dd HH:mm:ssZ', 'Africa/Cairo', '2018-02-06 21:01:35+0200'],
  ])('nowFormatted(%j, %j) = %j (AWS docs)', (format, zone, expected) => {
    expect(zone === undefined ? time.nowFormatted(format) : time.nowFormatted(format, zone)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['yyyy-MM-dd HH:mm:ss.SSS', 'UTC', '2018-02-06 19:01:35.750'],
    ["EEE, d MMM yyyy hh:mm a", 'America/New_York', 'Tue, 6 Feb 2018 02:01 PM'],
    ['EEEE MMMM dd yy', 'UTC', 'Tuesday February 06 18'],
    ['XXX|XX|X|xxx|ZZZZZ|ZZZZ|O', 'Asia/Kolkata', '+05:30|+0530|+0530|+05:30|+05:30|GMT+05:30|GMT+5:30'],
    ['XXX|X|xxx|Z|ZZZZZ|ZZZZ', 'UTC', 'Z|Z|+00:00|+0000|Z|GMT'],
    ["'at' HH 'o''clock' VV", 'Europe/Paris', "at 20 o'clock Europe/Paris"],
    ['D QQQ k K h a', 'UTC', '37 Q1 19 7 7 PM'],
    ['SS S SSSS', 'UTC', '75 7 7500'],
    ['yyyyMMdd', '-03:00', '20180206'],
    ['z', 'America/Los_Angeles', 'PST'],
  ])('epochMilliSecondsToFormatted(1517943695750, %j, %j) = %j', (format, zone, expected) => {
    expect(time.epochMilliSecondsToFormatted(1_517_943_695_750, format, zone)).toBe(expected);
  });

  // java.time with en_US weeks: the week of 2026-12-27 (a Sunday) holds 2027-01-01, so it is
  // week-based year 2027; 2026-12-26 (a Saturday) and 2027-01-02 are not affected.
  it.each<[number, string]>([
    [Date.UTC(2026, 0, 2, 3, 4, 5), '2026-01-02 03:04:05'],
    [Date.UTC(2026, 11, 26), '2026-12-26 00:00:00'],
    [Date.UTC(2026, 11, 27), '2027-12-27 00:00:00'],
    [Date.UTC(2026, 11, 31), '2027-12-31 00:00:00'],
    [Date.UTC(2027, 0, 2), '2027-01-02 00:00:00'],
  ])('the week-based year YYYY (AWS rds example pattern) of %d is %j', (epochMs, expected) => {
    expect(time.epochMilliSecondsToFormatted(epochMs, 'YYYY-MM-dd HH:mm:ss', 'UTC')).toBe(expected);
  });

  it('epochMilliSecondsToFormatted defaults to UTC (AWS docs)', () => {
    expect(time.epochMilliSecondsToFormatted(1_517_943_695_750, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(1_517_943_695_750, 'yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });

  it.each<[string, string, string | undefined, number]>([
    ['2018-02-01 17:21:05.000+0000', 'yyyy-MM-dd HH:mm:ss.SSSZ', undefined, 1_517_505_665_000],
    ['2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth', 1_517_505_562_000],
    ['2018-02-02 01:19:22 +05:30', 'yyyy-MM-dd HH:mm:ss XXX', 'Australia/Perth', Date.UTC(2018, 1, 1, 19, 49, 22)],
    ['06/02/2018 7:01 PM', 'dd/MM/yyyy h:mm a', undefined, Date.UTC(2018, 1, 6, 19, 1)],
    ['Feb 6, 2018', 'MMM d, yyyy', undefined, Date.UTC(2018, 1, 6)],
    ['20180206190135', 'yyyyMMddHHmmss', undefined, Date.UTC(2018, 1, 6, 19, 1, 35)],
    ['2024-03-10 02:30', 'yyyy-MM-dd HH:mm', 'America/New_York', Date.UTC(2024, 2, 10, 7, 30)], // in the DST gap: moved forward
    ['2024-11-03 01:30', 'yyyy-MM-dd HH:mm', 'America/New_York', Date.UTC(2024, 10, 3, 5, 30)], // in the overlap: earlier instant
    ['2018-02-06 12:00 Asia/Tokyo', 'yyyy-MM-dd HH:mm VV', undefined, Date.UTC(2018, 1, 6, 3, 0)],
  ])('parseFormattedToEpochMilliSeconds(%j, %j, %j) = %d', (text, format, zone, expected) => {
    expect(zone === undefined ? time.parseFormattedToEpochMilliSeconds(text, format) : time.parseFormattedToEpochMilliSeconds(text, format, zone)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['2018-02-30 00:00', 'yyyy-MM-dd HH:mm', 'invalid date or time'],
    ['2018-02-06', 'yyyy-MM-dd HH:mm', 'could not be parsed'],
    ['x', 'yyyy-MM-dd', 'could not be parsed'],
    ['2018', 'yyyy{', "reserved character: '{'"],
    ['2018', 'yyyy b', 'Unknown pattern letter: b'],
    ['2018', "yyyy 'open", 'incomplete string literal'],
  ])('parseFormattedToEpochMilliSeconds(%j, %j) throws', (text, format, message) => {
    expect(() => time.parseFormattedToEpochMilliSeconds(text, format)).toThrow(message);
  });

  it('an unknown zone is an error', () => {
    expect(thrownBy(() => time.nowFormatted('yyyy', 'Mars/Olympus'))).toBeInstanceOf(RangeError);
  });

  it.each<[string, number]>([
    ['2018-02-01T17:21:05.000+0000', 1_517_505_665_000], // AWS docs
    ['2018-02-01T17:21:05Z', 1_517_505_665_000],
    ['2018-02-01T17:21:05.5+01:00', Date.UTC(2018, 1, 1, 16, 21, 5, 500)],
    ['2018-02-01T17:21', Date.UTC(2018, 1, 1, 17, 21)],
    ['2018-02-01', Date.UTC(2018, 1, 1)],
    ['2018-02-01T17:21:05.123456-0530', Date.UTC(2018, 1, 1, 22, 51, 5, 123)],
  ])('parseISO8601ToEpochMilliSeconds(%j) = %d', (text, expected) => {
    expect(time.parseISO8601ToEpochMilliSeconds(text)).toBe(expected);
  });

  it.each(['2018-13-01T00:00:00Z', '2018-02-01T25:00:00Z', 'yesterday', '2018-02-01T17:21:05+1'])('parseISO8601ToEpochMilliSeconds(%j) throws', (text) => {
    expect(() => time.parseISO8601ToEpochMilliSeconds(text)).toThrow('Invalid format');
  });

  it.each<[number, number]>([
    [1_517_943_695_750, 1_517_943_695], // AWS docs
    [999, 0],
  ])('epochMilliSecondsToSeconds(%d) = %d', (ms, seconds) => {
    expect(time.epochMilliSecondsToSeconds(ms)).toBe(seconds);
  });

  it.each<[number, string]>([
    [1_517_943_695_758, '2018-02-06T19:01:35.758Z'], // AWS docs
    [0, '1970-01-01T00:00:00.000Z'],
    [951_782_400_000, new Date(951_782_400_000).toISOString()], // 2000-02-29, a leap day
    [-86_400_001, new Date(-86_400_001).toISOString()],
  ])('epochMilliSecondsToISO8601(%d) = %j', (ms, iso) => {
    expect(time.epochMilliSecondsToISO8601(ms)).toBe(iso);
  });

  it('formats and parses agree over many instants and zones', () => {
    const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London'];
    for (let ms = 0; ms < 2_000_000_000_000; ms += 37_123_456_789) {
      for (const zone of zones) {
        const text = time.epochMilliSecondsToFormatted(ms, 'yyyy-MM-dd HH:mm:ss.SSS XXX', zone);
        expect(time.parseFormattedToEpochMilliSeconds(text, 'yyyy-MM-dd HH:mm:ss.SSS XXX')).toBe(ms);
        const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
        const expectedOffset = offset === 'GMT' ? '+00:00' : offset?.slice(3);
        expect(text.slice(24)).toBe(expectedOffset === '+00:00' ? 'Z' : expectedOffset);
      }
    }
  });
});
