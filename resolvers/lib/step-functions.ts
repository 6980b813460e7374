/**
 * Calls to the Step Functions API through the HTTP data source (signed with IAM by AppSync):
 * the AWS JSON 1.0 protocol, one POST to "/" with the action in x-amz-target. The answer is
 * { statusCode, headers, body }; a refused call is a 400 whose body names the error in
 * __type (for example "com.amazonaws.swf.service.v2.model#TaskTimedOut").
 */
import type { HTTPRequest, HTTPResult } from '@aws-appsync/utils';

export function stepFunctionsRequest(action: 'StartExecution' | 'SendTaskSuccess', body: Record<string, unknown>): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/',
    params: {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${action}` },
      body: JSON.stringify(body),
    },
  };
}

export type StepFunctionsAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; errorName: string; message: string };

/** The HTTP result read as Step Functions' answer: its JSON body, or its error's short name. */
export function readStepFunctionsAnswer(result: HTTPResult): StepFunctionsAnswer {
  const body = result.body ? JSON.parse(result.body) : {};
  if (result.statusCode === 200) {
    return { ok: true, body };
  }
  const type: string = body.__type ?? `HTTP${result.statusCode}`;
  const parts = type.split('#');
  return { ok: false, errorName: parts[parts.length - 1], message: body.message ?? body.Message ?? type };
}
