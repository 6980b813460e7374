import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DYNAMODB_LOCAL_RESTART, type RestartPolicy } from './limits';
import {
  DynamoDBLocalStartError,
  startDynamoDBLocal,
  type DynamoDBLocal,
  type DynamoDBLocalExit,
  type SpawnedDynamoDBLocal,
  type StartDynamoDBLocalOptions,
} from './start';

/**
 * DynamoDB Local, started again when its JVM exits by itself: on the same data directory and,
 * if it is still free, the same port. In memory, a restart begins from nothing, which the log
 * says. After DYNAMODB_LOCAL_RESTART.attempts failed attempts it gives up and says so: calls
 * then keep failing with DynamoDB:ServiceUnavailable, and `gaveUp` lets the CLI exit.
 */

export interface SupervisorEvents {
  exited: [{ code: number | null; jvmPid: number }];
  restarted: [{ endpoint: string; jvmPid: number; attempt: number; downMs: number }];
  gaveUp: [Error];
}

export interface SupervisedDynamoDBLocal {
  /** Where DynamoDB Local answers now (it changes only if a restart had to take a new port). */
  readonly endpoint: string;
  /** The running JVM's pid; null while it is being restarted or after the supervisor gave up. */
  readonly jvmPid: number | null;
  /** Milliseconds from the running JVM's spawn to its first answer; null while it is being restarted. */
  readonly startupMs: number | null;
  readonly events: EventEmitter<SupervisorEvents>;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  start: StartDynamoDBLocalOptions;
  /** A JVM already spawned with `start`'s options (npm start spawns it first): the first start waits for it. */
  spawned?: SpawnedDynamoDBLocal;
  log: Logger;
  /** Runs on each restarted instance before it is used (the twin re-creates the table there). */
  afterRestart(endpoint: string): Promise<void>;
  policy?: RestartPolicy;
}

export async function superviseDynamoDBLocal(options: SuperviseOptions): Promise<SupervisedDynamoDBLocal> {
  const supervisor = new Supervisor(options);
  supervisor.watch(await startDynamoDBLocal(options.start, options.spawned));
  return supervisor;
}

class Supervisor implements SupervisedDynamoDBLocal {
  readonly events = new EventEmitter<SupervisorEvents>();
  endpoint = '';
  private current: DynamoDBLocal | null = null;
  private stopping = false;
  private restarting: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private readonly policy: RestartPolicy;

  constructor(private readonly options: SuperviseOptions) {
    this.policy = options.policy ?? DYNAMODB_LOCAL_RESTART;
  }

  get jvmPid(): number | null {
    return this.current?.jvmPid ?? null;
  }

  get startupMs(): number | null {
    return this.current?.startupMs ?? null;
  }

  watch(instance: DynamoDBLocal): void {
    this.current = instance;
    this.endpoint = instance.endpoint;
    void instance.exited.then((exit) => {
      if (this.stopping || this.current !== instance) return;
      this.current = null;
      this.restarting = this.restart(instance, exit);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.restarting;
    await this.current?.stop();
  }

  private async restart(dead: DynamoDBLocal, exit: DynamoDBLocalExit): Promise<void> {
    const downSince = performance.now();
    const dataDir = this.options.start.dataDir ?? null;
    this.events.emit('exited', { code: exit.code, jvmPid: dead.jvmPid });
    this.options.log.error(
      { event: 'dynamodb-local-exited', exitCode: exit.code, jvmPid: dead.jvmPid, dataDir },
      dataDir === null
        ? 'DynamoDB Local exited unexpectedly; restarting it in memory: it starts EMPTY, every room and message stored so far is gone'
        : `DynamoDB Local exited unexpectedly; restarting it on the same data directory (${dataDir})`,
    );
    let port: number | undefined = dead.port;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      await this.wait(Math.min(this.policy.firstDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs));
      if (this.stopping) return;
      try {
        const instance = await startDynamoDBLocal({ ...this.options.start, port });
        if (this.stopping) {
          await instance.stop();
          return;
        }
        try {
          await this.options.afterRestart(instance.endpoint);
        } catch (error) {
          await instance.stop();
          throw error;
        }
        this.watch(instance);
        const downMs = Math.round(performance.now() - downSince);
        this.options.log.warn(
          { event: 'dynamodb-local-restarted', attempt, downMs, endpoint: instance.endpoint, jvmPid: instance.jvmPid },
          'DynamoDB Local restarted',
        );
        this.events.emit('restarted', { endpoint: instance.endpoint, jvmPid: instance.jvmPid, attempt, downMs });
        return;
      } catch (error) {
        lastError = error;
        // Someone took the port while it was free: any port will do (the client follows `endpoint`).
        if (error instanceof DynamoDBLocalStartError && error.portTaken) port = undefined;
        this.options.log.warn({ event: 'dynamodb-local-restart-failed', attempt, err: error }, 'DynamoDB Local restart attempt failed');
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    const failure = new Error(`DynamoDB Local could not be restarted after ${this.policy.attempts} attempts: ${reason}`);
    this.options.log.fatal(
      { event: 'dynamodb-local-gave-up', attempts: this.policy.attempts, dataDir },
      `${failure.message}. Every data-source call now fails with DynamoDB:ServiceUnavailable; stop the twin and start it again.`,
    );
    this.events.emit('gaveUp', failure);
  }

  /** A back-off wait that stop() cuts short. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
