/**
 * What a well-formed answer of AppSync's GraphQL endpoint looks like (reference
 * appsync-realtime-and-amplify.md §1.3), as a list of what is wrong with one: empty when the
 * answer is well-formed. A 200 carries `data` and/or `errors` (validation errors with `path:
 * null`, field errors with a path, an `errorType` string or null); a 4xx carries
 * `{"errors":[{"errorType","message"}]}` with the same errorType in `x-amzn-ErrorType`. A 5xx is
 * never well-formed here: Amplify retries it, so a bad request must never get one.
 */
export interface HttpAnswer {
  status: number;
  contentType: string | null;
  errorTypeHeader: string | null;
  text: string;
}

/** JavaScript failures that must never reach a client as a message. */
export const LEAKED_INTERNALS = /Maximum call stack|Cannot read propert|is not a function|is not iterable|undefined is not|\b(TypeError|RangeError|ReferenceError)\b|\bat \S+:\d+:\d+/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function locationProblems(locations: unknown, where: string): string[] {
  if (locations === undefined || locations === null) return [];
  if (!Array.isArray(locations)) return [`${where}.locations is not an array`];
  return locations.flatMap((l, i) =>
    isRecord(l) && Number.isInteger(l.line) && Number.isInteger(l.column) && (l.line as number) >= 1 && (l.column as number) >= 1 && l.sourceName === null
      ? []
      : [`${where}.locations[${i}] is not {line, column, sourceName: null}: ${JSON.stringify(l)}`],
  );
}

function graphqlErrorProblems(error: unknown, where: string): string[] {
  if (!isRecord(error)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (typeof error.message !== 'string' || error.message === '') problems.push(`${where}.message is not a non-empty string`);
  else if (LEAKED_INTERNALS.test(error.message)) problems.push(`${where}.message leaks an internal failure: ${error.message.slice(0, 200)}`);
  if ('errorType' in error && error.errorType !== null && (typeof error.errorType !== 'string' || error.errorType === '')) problems.push(`${where}.errorType is not a string or null`);
  if (error.errorType === 'InternalFailure') problems.push(`${where} is an InternalFailure`);
  if ('path' in error && error.path !== null && !(Array.isArray(error.path) && error.path.every((p) => typeof p === 'string' || typeof p === 'number'))) {
    problems.push(`${where}.path is not null or a list of keys`);
  }
  return [...problems, ...locationProblems(error.locations, where)];
}

export function appSyncAnswerProblems(answer: HttpAnswer): string[] {
  if (answer.status >= 500) return [`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`];
  if (!answer.contentType?.startsWith('application/json')) return [`content-type ${answer.contentType}`];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [`body is not JSON: ${answer.text.slice(0, 200)}`];
  }
  if (!isRecord(body)) return ['body is not a JSON object'];
  const extra = Object.keys(body).filter((key) => key !== 'data' && key !== 'errors');
  if (extra.length > 0) return [`body has keys beyond data and errors: ${extra.join(', ')}`];

  if (answer.status === 200) {
    const problems: string[] = [];
    if (!('data' in body) && !('errors' in body)) problems.push('neither data nor errors');
    if ('data' in body && body.data !== null && !isRecord(body.data)) problems.push('data is not an object or null');
    if ('errors' in body) {
      if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push('errors is not a non-empty list');
      else problems.push(...body.errors.flatMap((e, i) => graphqlErrorProblems(e, `errors[${i}]`)));
    } else if (body.data === null || body.data === undefined) problems.push('no data and no errors');
    return problems;
  }
  if (answer.status >= 400) {
    const errors = body.errors;
    if (!Array.isArray(errors) || errors.length === 0) return [`HTTP ${answer.status} without errors`];
    const problems = errors.flatMap((e, i) =>
      isRecord(e) && typeof e.errorType === 'string' && e.errorType !== '' && typeof e.message === 'string' && e.message !== ''
        ? []
        : [`HTTP ${answer.status} errors[${i}] is not {errorType, message}: ${JSON.stringify(e)}`],
    );
    const first = errors[0] as Record<string, unknown> | undefined;
    if (first && answer.errorTypeHeader !== first.errorType) problems.push(`x-amzn-ErrorType ${answer.errorTypeHeader} is not errors[0].errorType ${String(first.errorType)}`);
    return problems;
  }
  return [`unexpected HTTP ${answer.status}`];
}
