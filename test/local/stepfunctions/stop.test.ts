// LocalStepFunctions.stop() while an execution's DynamoDB call is still in flight: the execution
// must not go on to wait for a task token after the stop (the interpreter's 7-day timeout timer
// would then keep the process alive), and nothing new starts once stopped. A fake DynamoDB
// client lets the test hold the first task's call open across the stop.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildModerationDefinition } from '../../../local/stepfunctions/definition';
import { LocalStepFunctions } from '../../../local/stepfunctions/service';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function call(service: LocalStepFunctions, action: string, body: unknown) {
  return service.handle({ method: 'POST', path: '/', headers: { 'x-amz-target': `AWSStepFunctions.${action}` }, body: JSON.stringify(body) } as never);
}

const report = { id: 'r1', roomId: 'room', messageId: 'm1', reporterId: 'u1', reason: 'spam', createdAt: '2026-12-03T00:00:00.000Z' };

it('an execution whose first call outlives stop() ends without waiting for a token, and no execution starts after stop()', async () => {
  const firstCallSeen = deferred();
  const releaseFirstCall = deferred();
  const commands: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string } }) => {
      commands.push(command.constructor.name);
      if (commands.length === 1) {
        firstCallSeen.resolve();
        await releaseFirstCall.promise;
      }
      return {};
    },
  } as unknown as DynamoDBClient;
  const moderation = buildModerationDefinition({ tableName: 'chat' });
  const service = new LocalStepFunctions({ definition: moderation.definition, stateMachineArn: moderation.stateMachineArn, dynamodb: () => client, putEvents: () => undefined });

  const started = await call(service, 'StartExecution', { stateMachineArn: moderation.stateMachineArn, name: 'report-r1', input: JSON.stringify({ report }) });
  expect(started.statusCode).toBe(200);
  await firstCallSeen.promise;

  const stopped = service.stop();
  releaseFirstCall.resolve();
  await stopped;

  expect(service.waitingTaskCount).toBe(0);
  expect(await service.settledExecution('report-r1')).not.toBe('RUNNING');
  const after = await call(service, 'StartExecution', { stateMachineArn: moderation.stateMachineArn, name: 'report-r2', input: JSON.stringify({ report: { ...report, id: 'r2' } }) });
  expect({ statusCode: after.statusCode, type: JSON.parse(after.body).__type }).toEqual({ statusCode: 503, type: 'com.amazonaws.swf.service.v2.model#ServiceUnavailable' });
});
