// util.time: every function reads the clock through the host bridge, so tests can pin it.
import type { HostBridge } from '../../contract';
import { parseISO8601, toISO8601 } from './iso8601';
import { formatEpochMs } from './java-format';
import { parseToEpochMs } from './java-parse';

const DEFAULT_ZONE = 'UTC';

export function createTimeUtils(bridge: HostBridge) {
  return {
    nowISO8601: () => toISO8601(bridge.nowMs()),
    nowEpochSeconds: () => Math.floor(bridge.nowMs() / 1000),
    nowEpochMilliSeconds: () => bridge.nowMs(),
    nowFormatted: (format: string, timezone?: string) => formatEpochMs(bridge.nowMs(), format, timezone ?? DEFAULT_ZONE),
    parseFormattedToEpochMilliSeconds: (timestamp: string, format: string, timezone?: string) =>
      parseToEpochMs(timestamp, format, timezone ?? DEFAULT_ZONE),
    parseISO8601ToEpochMilliSeconds: (timestamp: string) => parseISO8601(timestamp),
    epochMilliSecondsToSeconds: (milliseconds: number) => Math.floor(milliseconds / 1000),
    epochMilliSecondsToISO8601: (milliseconds: number) => toISO8601(milliseconds),
    epochMilliSecondsToFormatted: (milliseconds: number, format: string, timezone?: string) =>
      formatEpochMs(milliseconds, format, timezone ?? DEFAULT_ZONE),
  };
}
