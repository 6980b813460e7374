/**
 * The local twin in one call: DynamoDB Local (or a given endpoint) with the chat table, the
 * local user pool, the GraphQL layer running the bundled resolvers, the realtime WebSocket
 * protocol, and HTTP + HTTPS on one port. Writes amplify_outputs.json for clients.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { createCognitoHttpHandler, SEED_USERS, UserPool, type SeedUser } from './auth';
import { createDataSourceInvoker, loadNextTokenKey } from './datasources';
import { moderationDefinition } from './cache/moderation-cache';
import {
  createLocalDynamoDBClient,
  ensureTable,
  superviseDynamoDBLocal,
  twinDynamoDBDataDir,
  type SpawnedDynamoDBLocal,
  type SupervisedDynamoDBLocal,
} from './dynamodb-local';
import { createGraphQLApi } from './graphql/api';
import { createPipelineRunner, resolverFieldKeys, warmUpResolvers } from './graphql/pipeline-runner';
import { createRealtimeBackend } from './graphql/realtime-backend';
import { loadApiSchema } from './graphql/schema';
import { attachRealtime, DEFAULT_REALTIME_PATH, SubscriptionHub, type PreparedSubscription, type SubscriberConnection } from './realtime';
import type { AdmissionStats } from './server/admission';
import { DEFAULT_ADMISSION_LIMITS, DEFAULT_SERVER_LIMITS, type AdmissionLimits, type ServerLimits } from './server/limits';
import { createOnePortServer } from './server/one-port';
import { createRequestHandler } from './server/request-handler';
import { ensureTlsMaterial } from './server/tls';
import { createModerationEventBus } from './stepfunctions/event-bus';
import { LocalStepFunctions } from './stepfunctions/service';
import type { GraphQLApi } from './graphql/api';
import { dataSources, STATE_MACHINE_ARN_ENV, TABLE_NAME_ENV } from '../resolvers/wiring';

export const DEFAULT_TABLE_NAME = 'ChatTable';
export const DEFAULT_REGION = 'us-east-1';

/** Events tests and tools can await instead of sleeping. */
export interface TwinEvents {
  /** A realtime subscription went live (just before its start_ack). */
  subscriptionStarted: [{ fieldName: string; userKey: string | null; subscriptionId: string }];
}

/** The hub, telling the twin's listeners when a subscription goes live. */
class ObservedHub extends SubscriptionHub {
  readonly events = new EventEmitter<TwinEvents>();
  override add(connection: SubscriberConnection, subscriptionId: string, prepared: PreparedSubscription) {
    const added = super.add(connection, subscriptionId, prepared);
    if (added.ok) this.events.emit('subscriptionStarted', { fieldName: prepared.fieldName, userKey: prepared.userKey, subscriptionId });
    return added;
  }
}

export interface StartTwinOptions {
  /** 0 picks a free port. Default: $PORT, else 0. */
  port?: number;
  host?: string;
  /** Where state lives; null keeps everything in memory. Default '.data'. */
  dataDir?: string | null;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /**
   * A DynamoDB Local JVM already spawned on twinDynamoDBDataDir(dataDir) (npm start spawns it
   * before loading the twin): the twin waits for it, then supervises and restarts it as its own.
   */
  spawnedDynamoDBLocal?: SpawnedDynamoDBLocal;
  tableName?: string;
  logLevel?: string;
  logger?: Logger;
  /** Where to write amplify_outputs.json; null = do not write. Default ./amplify_outputs.json. */
  outputsPath?: string | null;
  /** Check every resolver's code at start-up so no request pays for it. Default true. */
  warmUp?: boolean;
  /** User-pool token lifetimes, for tests of refresh and expiry. */
  accessTokenTtlSeconds?: number;
  /** The HTTP server's timeouts, connection limit and drain time (tests inject short ones). */
  serverLimits?: Partial<ServerLimits>;
  /** GraphQL admission control: operations at once, queue length, queue wait (tests inject small ones). */
  admissionLimits?: Partial<AdmissionLimits>;
  /** The moderation workflow: decision timeout (default 7 days), Retry pause, injected faults by state name. */
  moderation?: { decisionTimeoutSeconds?: number; retryIntervalMs?: number; faults?: Map<string, string[]> };
}

export interface Twin {
  url: string;
  /** The same port over TLS (what Amplify's wss:// reaches). */
  httpsUrl: string;
  graphqlUrl: string;
  realtimeUrl: string;
  /** Amplify's Auth.Cognito.userPoolEndpoint. */
  cognitoEndpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** For NODE_EXTRA_CA_CERTS; null when the twin runs in memory. */
  caCertPath: string | null;
  /** The CA certificate (PEM), for clients that take it directly. */
  caCert: string;
  users: readonly SeedUser[];
  accessKey: { accessKeyId: string; secretAccessKey: string };
  outputsPath: string | null;
  tableName: string;
  /** Where DynamoDB answers now (a restarted DynamoDB Local may have had to take another port). */
  readonly dynamodbEndpoint: string;
  /**
   * The DynamoDB Local the twin started and restarts when it exits (its JVM's pid, and events:
   * exited, restarted, gaveUp); null when the twin uses a given endpoint.
   */
  dynamodbLocal: SupervisedDynamoDBLocal | null;
  /** Milliseconds from the call to ready. */
  readyMs: number;
  pool: UserPool;
  events: EventEmitter<TwinEvents>;
  /** Live realtime subscriptions. */
  subscriptionCount(): number;
  /** The GraphQL admission queue's counters and the admitted operations' time in the twin (benchmarks read it). */
  admissionStats(): AdmissionStats;
  /** The local Step Functions running the moderation workflow. */
  stepFunctions: LocalStepFunctions;
  stop(): Promise<void>;
}

/** amplify_outputs.json (Gen2, schema version 1) pointing at the twin. */
export function amplifyOutputs(twin: Pick<Twin, 'region' | 'userPoolId' | 'clientId' | 'graphqlUrl'>, groups: string[]): Record<string, unknown> {
  return {
    version: '1.4',
    auth: {
      aws_region: twin.region,
      user_pool_id: twin.userPoolId,
      user_pool_client_id: twin.clientId,
      groups: groups.map((name, precedence) => ({ [name]: { precedence } })),
      username_attributes: [],
      standard_required_attributes: ['email'],
      mfa_configuration: 'NONE',
    },
    data: {
      url: twin.graphqlUrl,
      aws_region: twin.region,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['AWS_IAM'],
    },
  };
}

/** Lets the other start-up steps (the JVM's spawn among them) run before synchronous work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits for `promise`, but no longer than `ms`. */
async function untilOrAfter(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function startTwin(options: StartTwinOptions = {}): Promise<Twin> {
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 0);
  const dataDir = options.dataDir === undefined ? '.data' : options.dataDir;
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const log = options.logger ?? pino({ level: options.logLevel ?? 'info', name: 'twin' }, pino.destination(2));
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });

  // Milliseconds from the call to the end of each start-up step, for the ready log line and the bench.
  const phases: Record<string, number> = {};
  const timed = <T>(name: string, promise: Promise<T>): Promise<T> =>
    promise.then((value) => {
      phases[name] = Math.round(performance.now() - started);
      return value;
    });

  // DynamoDB Local's JVM takes seconds to answer, in a process of its own. Everything else (two
  // RSA keys, the resolvers' warm-up, the moderation definition, building the API and server)
  // runs meanwhile, so that the twin is ready soon after the JVM's first answer.
  if (options.spawnedDynamoDBLocal && options.dynamodbEndpoint) throw new Error('spawnedDynamoDBLocal and dynamodbEndpoint exclude each other');
  const dynamoStart: Promise<SupervisedDynamoDBLocal | null> = options.dynamodbEndpoint
    ? Promise.resolve(null)
    : superviseDynamoDBLocal({
        start: { dataDir: twinDynamoDBDataDir(dataDir) },
        spawned: options.spawnedDynamoDBLocal,
        log: log.child({ part: 'dynamodb-local' }),
        // A restarted JVM in memory has no table; on a data directory this finds it at once.
        afterRestart: async (endpoint) => {
          const restartedClient = createLocalDynamoDBClient(endpoint);
          try {
            await ensureTable(restartedClient, tableName);
          } finally {
            restartedClient.destroy();
          }
        },
      });
  let answered: SupervisedDynamoDBLocal | null = null;
  const dynamodbEndpoint = (): string => {
    if (options.dynamodbEndpoint) return options.dynamodbEndpoint;
    if (answered === null) throw new Error('DynamoDB Local has not answered yet');
    return answered.endpoint;
  };
  const client = createLocalDynamoDBClient(options.dynamodbEndpoint ?? dynamodbEndpoint);
  const dynamoReady = timed('dynamodbLocal', dynamoStart).then(async (dynamo) => {
    answered = dynamo;
    await timed('ensureTable', ensureTable(client, tableName));
    return dynamo;
  });
  // Set once created, so a start-up step that fails after them does not leave them open.
  let server: ReturnType<typeof createOnePortServer> | undefined;
  let realtime: ReturnType<typeof attachRealtime> | undefined;
  // Set when the start has failed: a build still running then creates nothing.
  let failed = false;

  const build = async () => {
    const [tls, pool, moderation] = await Promise.all([
      timed('tls', ensureTlsMaterial(dataDir)),
      timed(
        'userPool',
        UserPool.open({
          dataDir: dataDir ?? undefined,
          region: DEFAULT_REGION,
          ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds, idTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
        }),
      ),
      // The resolvers' warm-up, then the moderation definition (a CDK synth on a cache miss, seconds of CPU).
      timed('warmUp', options.warmUp === false ? yieldToEventLoop() : warmUpResolvers()).then(() =>
        timed('moderation', Promise.resolve().then(() => moderationDefinition({ tableName, decisionTimeoutSeconds: options.moderation?.decisionTimeoutSeconds }))),
      ),
    ]);
    if (failed) throw new Error('The twin did not start');
    const schema = loadApiSchema();
    const hub = new ObservedHub(log.child({ part: 'realtime' }));
    // The workflow's events call the API, which is made after the data sources that start the workflow.
    const apiRef: { current?: GraphQLApi } = {};
    const currentApi = (): GraphQLApi => {
      if (!apiRef.current) throw new Error('The GraphQL API is not ready for moderation events');
      return apiRef.current;
    };
    const stepFunctions = new LocalStepFunctions({
      definition: moderation.definition,
      stateMachineArn: moderation.stateMachineArn,
      dynamodb: () => client,
      putEvents: createModerationEventBus(currentApi, log.child({ part: 'events' })),
      faults: options.moderation?.faults,
      retryIntervalMs: options.moderation?.retryIntervalMs,
    });
    const api = createGraphQLApi({
      schema,
      resolverFields: resolverFieldKeys(),
      env: { [TABLE_NAME_ENV]: tableName, [STATE_MACHINE_ARN_ENV]: moderation.stateMachineArn },
      runResolver: createPipelineRunner(
        createDataSourceInvoker({
          dataSources,
          // Tokens signed with the data directory's key stay valid across restarts on it.
          // The read-back after a transaction makes it durable on DynamoDB Local's disk; our own
          // DynamoDB Local in memory has no disk, so there it would cost a round trip for nothing.
          // A given endpoint keeps it: how that one stores is not ours to know.
          dynamodb: { client, tableName, nextTokenKey: loadNextTokenKey(dataDir), settleTransactions: !(dataDir === null && options.dynamodbEndpoint === undefined) },
          log: log.child({ part: 'dynamodb' }),
          services: { states: (request) => stepFunctions.handle(request) },
        }),
      ),
      onMutation: ({ mutationField, result }) => hub.publish({ mutationField, result }),
      onInvalidate: (invalidation) => hub.invalidate(invalidation),
    });
    apiRef.current = api;
    const handler = createRequestHandler({
      api,
      pool,
      credentials: pool.credentials,
      region: DEFAULT_REGION,
      cognito: createCognitoHttpHandler(pool),
      log,
      admission: { ...DEFAULT_ADMISSION_LIMITS, ...options.admissionLimits },
    });
    const serverLimits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.serverLimits };
    const builtServer = createOnePortServer(handler, tls, serverLimits);
    server = builtServer;
    const builtRealtime = attachRealtime(builtServer.upgrades, {
      backend: createRealtimeBackend({ schema, api, pool }),
      hub,
      path: DEFAULT_REALTIME_PATH,
      logger: log.child({ part: 'realtime' }),
    });
    realtime = builtRealtime;
    phases.built = Math.round(performance.now() - started);
    return { tls, pool, hub, stepFunctions, handler, serverLimits, server: builtServer, realtime: builtRealtime };
  };
  const building = build();

  try {
    const [dynamo, built] = await Promise.all([dynamoReady, building]);
    const { tls, pool, hub, stepFunctions, handler, serverLimits, server: openServer, realtime: openRealtime } = built;
    const boundPort = await timed('listen', openServer.listen(port, host));
    const url = `http://${host}:${boundPort}`;
    pool.setIssuerBaseUrl(url);

    const twinInfo = {
      url,
      httpsUrl: `https://${host}:${boundPort}`,
      graphqlUrl: `${url}/graphql`,
      realtimeUrl: `wss://${host}:${boundPort}${DEFAULT_REALTIME_PATH}`,
      cognitoEndpoint: `${url}/`,
      region: DEFAULT_REGION,
      userPoolId: pool.poolId,
      clientId: pool.clientId,
    };
    const outputsPath = options.outputsPath === null ? null : resolve(options.outputsPath ?? 'amplify_outputs.json');
    if (outputsPath) writeFileSync(outputsPath, `${JSON.stringify(amplifyOutputs(twinInfo, pool.listGroups().map((g) => g.name)), null, 2)}\n`);

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        log.info('twin stopping');
        // New requests get 503 at once (keep-alive sockets stay open for that answer); those
        // in flight get drainTimeoutMs to finish. Then the HTTP sockets are cut, so nothing is
        // acknowledged after this point, and only then the realtime sockets close, after every
        // acknowledged mutation has published to them.
        handler.refuseNewRequests();
        openServer.stopAccepting();
        await untilOrAfter(handler.idle(), serverLimits.drainTimeoutMs);
        openServer.destroyHttpConnections();
        await stepFunctions.stop();
        await openRealtime.close();
        await openServer.close();
        client.destroy();
        await dynamo?.stop();
        log.info('twin stopped');
      })();
      return stopping;
    };

    const readyMs = Math.round(performance.now() - started);
    // dynamodbLocalStartupMs: from the JVM's spawn (maybe before this call) to its first answer.
    log.info({ url, readyMs, phases, dynamodbLocalStartupMs: dynamo?.startupMs, dynamodbEndpoint: dynamodbEndpoint(), dataDir }, 'twin ready');
    return {
      ...twinInfo,
      caCertPath: tls.caCertPath,
      caCert: tls.caCert,
      users: SEED_USERS,
      accessKey: { accessKeyId: pool.credentials.accessKeyId, secretAccessKey: pool.credentials.secretAccessKey },
      outputsPath,
      tableName,
      get dynamodbEndpoint() {
        return dynamodbEndpoint();
      },
      dynamodbLocal: dynamo,
      readyMs,
      pool,
      events: hub.events,
      subscriptionCount: () => hub.size,
      admissionStats: () => handler.admissionStats(),
      stepFunctions,
      stop,
    };
  } catch (error) {
    // Whatever failed, DynamoDB Local's start settles (bounded by its start timeout) and what
    // was opened is closed: no DynamoDB Local may outlive a twin that did not start. A build
    // still running (a CDK synth can take seconds) is not waited for: it creates nothing now.
    failed = true;
    await Promise.allSettled([dynamoReady]);
    await realtime?.close();
    if (server?.netServer.listening) await server.close();
    client.destroy();
    await dynamoStart.then((dynamo) => dynamo?.stop()).catch(() => undefined);
    throw error;
  }
}
