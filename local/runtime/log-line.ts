// The one place that decides what a console.log / console.error line looks like in
// EvaluateCode's `logs`. UNVERIFIED against AWS: modelled on CloudWatch Lambda-style lines,
// `<ISO-8601 time> <request id> <LEVEL> <message>`.
export type LogLevel = 'INFO' | 'ERROR';

export function formatLogLine(isoTime: string, requestId: string, level: LogLevel, message: string): string {
  return `${isoTime} ${requestId} ${level} ${message}`;
}
