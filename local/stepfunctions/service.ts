/**
 * A local Step Functions for the twin: the actions AppSync's HTTP data source calls
 * (StartExecution, SendTaskSuccess, SendTaskFailure; AWS JSON 1.0 protocol) over executions of
 * the moderation definition run by aws-local-stepfunctions. Its Task states are overridden with
 * local handlers that do what the service integrations do on AWS: DynamoDB calls against the
 * twin's DynamoDB, EventBridge PutEvents onto the twin's local bus, and .waitForTaskToken with a
 * token that SendTaskSuccess/SendTaskFailure settle. Differences from AWS are in the README.
 */
import './promise-with-resolvers';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { StateMachine } from 'aws-local-stepfunctions';
import { aslValidationKey, passedValidationBefore, rememberValidationPassed } from '../cache/asl-validation-cache';
import type { HttpRequest, HttpResponse } from '../datasources/http';

type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };
type TaskState = { Type: string; Resource?: string; TimeoutSeconds?: number };

export interface LocalStepFunctionsOptions {
  definition: Record<string, unknown>;
  stateMachineArn: string;
  dynamodb: () => DynamoDBClient;
  /** EventBridge PutEvents: entries go to the twin's local bus. */
  putEvents: (entries: Array<{ Source: string; DetailType: string; Detail: string }>) => void;
  /** Errors to throw (by error name) the next times a state runs, before its real work: tests of Retry and Catch. */
  faults?: Map<string, string[]>;
  /** Pause of every Retry, in ms (AWS: IntervalSeconds with backoff). Default: as the definition says. */
  retryIntervalMs?: number;
}

interface Execution {
  arn: string;
  input: string;
  startDate: Date;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  done: Promise<void>;
  abort: () => void;
  error?: string;
}

interface PendingTask {
  resolve: (output: JSONValue) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}


function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function answer(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}

function refusal(statusCode: number, type: string, message: string): HttpResponse {
  return answer(statusCode, { __type: `com.amazonaws.swf.service.v2.model#${type}`, message });
}

function createMachine(definition: Record<string, unknown>, validate: boolean): StateMachine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when first needed (see the constructor)
  const { StateMachine: Engine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');
  return new Engine(definition as never, { validationOptions: validate ? { checkArn: false, checkPaths: false } : { noValidate: true } });
}

export class LocalStepFunctions {
  /** Made when first needed, unless the definition must be checked at construction. */
  private machine: StateMachine | undefined;
  private readonly executions = new Map<string, Execution>();
  private readonly pending = new Map<string, PendingTask>();
  /** Set by stop(): nothing starts, and no task waits, after it. */
  private stopped = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    // The engine validates the definition here unless that same definition passed before
    // (content cache); then the engine, about 200 modules, loads only when a first execution
    // starts, which most twin runs never do. The key is taken first: the engine adds to the
    // definition object it is given.
    const validationKey = aslValidationKey(options.definition);
    if (!passedValidationBefore(validationKey)) {
      this.machine = createMachine(options.definition, true);
      rememberValidationPassed(validationKey);
    }
  }

  private engine(): StateMachine {
    this.machine ??= createMachine(this.options.definition, false);
    return this.machine;
  }

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const target = request.headers['x-amz-target'] ?? '';
    let body: Record<string, unknown>;
    try {
      body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    } catch {
      return refusal(400, 'SerializationException', 'The request body is not JSON');
    }
    switch (target) {
      case 'AWSStepFunctions.StartExecution':
        return this.startExecution(body);
      case 'AWSStepFunctions.SendTaskSuccess':
        return this.settleTask(body, 'success');
      case 'AWSStepFunctions.SendTaskFailure':
        return this.settleTask(body, 'failure');
      case 'AWSStepFunctions.DescribeExecution': {
        const execution = [...this.executions.values()].find((e) => e.arn === body.executionArn);
        if (!execution) return refusal(400, 'ExecutionDoesNotExist', 'Execution does not exist');
        return answer(200, { executionArn: execution.arn, status: execution.status, input: execution.input, error: execution.error });
      }
      default:
        return refusal(400, 'UnknownOperationException', `The twin's Step Functions does not implement '${target}'`);
    }
  }

  /** Resolves when the named execution has ended (at once if it has). */
  async settledExecution(name: string): Promise<Execution['status']> {
    const execution = this.executions.get(name);
    if (!execution) throw new Error(`No execution named ${name}`);
    await execution.done;
    return execution.status;
  }

  /** Callback tasks waiting for SendTaskSuccess / SendTaskFailure. */
  get waitingTaskCount(): number {
    return this.pending.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const execution of this.executions.values()) if (execution.status === 'RUNNING') execution.abort();
    // The interpreter times a Task state out with its own setTimeout, cleared only when the task's
    // promise settles: a task still waiting for its token must be settled here, or its timer (7 days
    // for the decision) keeps the process alive after the twin stopped.
    for (const task of this.pending.values()) {
      clearTimeout(task.timer);
      task.reject(namedError('States.Aborted', 'The twin stopped while the task was waiting for its token'));
    }
    this.pending.clear();
    await Promise.all([...this.executions.values()].map((execution) => execution.done));
  }

  private startExecution(body: Record<string, unknown>): HttpResponse {
    if (this.stopped) return refusal(503, 'ServiceUnavailable', 'The twin is stopping');
    if (body.stateMachineArn !== this.options.stateMachineArn) return refusal(400, 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(body.stateMachineArn)}'`);
    const name = typeof body.name === 'string' ? body.name : randomUUID();
    const input = typeof body.input === 'string' ? body.input : '{}';
    const existing = this.executions.get(name);
    // A Standard execution name is unique: the same start again is the same execution.
    if (existing) {
      if (existing.input === input) return answer(200, { executionArn: existing.arn, startDate: existing.startDate.getTime() / 1000 });
      return refusal(400, 'ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
    }
    const arn = `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const startDate = new Date();
    const token = `${randomUUID()}${randomUUID()}`;
    const parsedInput = JSON.parse(input) as JSONValue;
    const run = this.engine().run(parsedInput, {
      noThrowOnAbort: true,
      overrides: { taskResourceLocalHandlers: this.taskHandlers(token), ...(this.options.retryIntervalMs === undefined ? {} : { retryIntervalOverrides: this.retryOverrides() }) },
      context: {
        Execution: { Id: arn, Name: name, Input: parsedInput, StartTime: startDate.toISOString() },
        // One token per execution: the definition has one callback task (AWS makes one per task run).
        Task: { Token: token },
        State: {
          get EnteredTime() {
            return new Date().toISOString();
          },
        },
      },
    });
    const execution: Execution = { arn, input, startDate, status: 'RUNNING', abort: run.abort, done: Promise.resolve() };
    execution.done = run.result.then(
      () => {
        if (execution.status === 'RUNNING') execution.status = 'SUCCEEDED';
      },
      (error: unknown) => {
        execution.status = 'FAILED';
        execution.error = error instanceof Error ? error.name : String(error);
      },
    );
    this.executions.set(name, execution);
    return answer(200, { executionArn: arn, startDate: startDate.getTime() / 1000 });
  }

  private settleTask(body: Record<string, unknown>, how: 'success' | 'failure'): HttpResponse {
    const token = typeof body.taskToken === 'string' ? body.taskToken : '';
    const task = this.pending.get(token);
    if (!task) return refusal(400, 'TaskDoesNotExist', 'Task Does Not Exist');
    this.pending.delete(token);
    clearTimeout(task.timer);
    if (how === 'success') {
      try {
        task.resolve(JSON.parse(String(body.output ?? 'null')) as JSONValue);
      } catch {
        this.pending.set(token, task);
        return refusal(400, 'InvalidOutput', 'output is not JSON');
      }
    } else {
      task.reject(namedError(String(body.error ?? 'States.TaskFailed'), String(body.cause ?? '')));
    }
    return answer(200, {});
  }

  private retryOverrides(): Record<string, number> {
    const states = (this.options.definition.States ?? {}) as Record<string, TaskState>;
    const pause = this.options.retryIntervalMs ?? 0;
    return Object.fromEntries(Object.keys(states).map((name) => [name, pause]));
  }

  private taskHandlers(token: string): Record<string, (input: JSONValue) => Promise<JSONValue>> {
    const states = (this.options.definition.States ?? {}) as Record<string, TaskState>;
    const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task' || !state.Resource) continue;
      const task = this.integration(state, token);
      handlers[name] = async (input) => {
        const fault = this.options.faults?.get(name)?.shift();
        if (fault) throw namedError(fault, `Injected by the twin's fault table for ${name}`);
        return task(input);
      };
    }
    return handlers;
  }

  /** What a Task's Resource does on AWS, done locally. */
  private integration(state: TaskState, token: string): (input: JSONValue) => Promise<JSONValue> {
    const resource = state.Resource ?? '';
    const optimized = /^arn:aws:states:::dynamodb:(putItem|updateItem)$/.exec(resource);
    const sdk = /^arn:aws:states:::aws-sdk:dynamodb:(putItem|updateItem)(\.waitForTaskToken)?$/.exec(resource);
    const matched = optimized ?? sdk;
    if (matched) {
      const action = matched[1];
      // AWS names integration errors "DynamoDB.<Exception>" (optimized) and "DynamoDb.<Exception>" (SDK).
      const prefix = optimized ? 'DynamoDB' : 'DynamoDb';
      const callback = Boolean(sdk?.[2]);
      return async (input) => {
        try {
          const client = this.options.dynamodb();
          if (action === 'putItem') await client.send(new PutItemCommand(input as never));
          else await client.send(new UpdateItemCommand(input as never));
        } catch (error) {
          const name = error instanceof Error ? error.name : 'Exception';
          throw namedError(`${prefix}.${name}`, error instanceof Error ? error.message : String(error));
        }
        if (!callback) return {};
        return this.waitForToken(token, state.TimeoutSeconds);
      };
    }
    if (resource === 'arn:aws:states:::events:putEvents') {
      return (input) => {
        const entries = (input as { Entries: Array<{ Source: string; DetailType: string; Detail: JSONValue }> }).Entries;
        this.options.putEvents(entries.map((entry) => ({ Source: entry.Source, DetailType: entry.DetailType, Detail: JSON.stringify(entry.Detail) })));
        return Promise.resolve({ Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 });
      };
    }
    return () => Promise.reject(namedError('States.Runtime', `The twin has no local integration for ${resource}`));
  }

  private waitForToken(token: string, timeoutSeconds: number | undefined): Promise<JSONValue> {
    // A task that reaches its wait after stop() (its DynamoDB call was in flight) ends at once:
    // waiting would leave the interpreter's timeout timer (7 days) holding the process open.
    if (this.stopped) return Promise.reject(namedError('States.Aborted', 'The twin stopped before the task began waiting for its token'));
    return new Promise<JSONValue>((resolve, reject) => {
      // The interpreter times the task out (States.Timeout) at TimeoutSeconds; the token then dies with it.
      // Without TimeoutSeconds the interpreter's own default (60 s) applies.
      const timer = setTimeout(() => this.pending.delete(token), (timeoutSeconds ?? 60) * 1000);
      timer.unref();
      this.pending.set(token, { resolve, reject, timer });
    });
  }
}
