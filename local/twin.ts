/**
 * The local twin in one call: DynamoDB Local (or a given endpoint) with the chat table, the
 * local user pool, the GraphQL layer running the bundled resolvers, the realtime WebSocket
 * protocol, and HTTP + HTTPS on one port. Writes amplify_outputs.json for clients.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { createCognitoHttpHandler, SEED_USERS, UserPool, type SeedUser } from './auth';
import { createDataSourceInvoker, loadNextTokenKey } from './datasources';
import { moderationDefinition } from './cache/moderation-cache';
import { createLocalDynamoDBClient, ensureTable, superviseDynamoDBLocal, type SupervisedDynamoDBLocal } from './dynamodb-local';
import { createGraphQLApi } from './graphql/api';
import { createPipelineRunner, resolverFieldKeys, warmUpResolvers } from './graphql/pipeline-runner';
import { createRealtimeBackend } from './graphql/realtime-backend';
import { loadApiSchema } from './graphql/schema';
import { attachRealtime, DEFAULT_REALTIME_PATH, SubscriptionHub, type PreparedSubscription, type SubscriberConnection } from './realtime';
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

  // The slow parts (a JVM, two RSA keys) start together.
  const dynamoStart: Promise<SupervisedDynamoDBLocal | null> = options.dynamodbEndpoint
    ? Promise.resolve(null)
    : superviseDynamoDBLocal({
        start: { dataDir: dataDir === null ? null : join(dataDir, 'dynamodb') },
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
  const [dynamo, tls, pool, moderation] = await Promise.all([
    dynamoStart,
    ensureTlsMaterial(dataDir),
    UserPool.open({
      dataDir: dataDir ?? undefined,
      region: DEFAULT_REGION,
      ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds, idTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
    }),
    // CPU work, done while the JVM starts in its own process: the resolvers' warm-up, then the
    // moderation definition (a CDK synth on a cache miss, seconds of CPU).
    (options.warmUp === false ? yieldToEventLoop() : warmUpResolvers()).then(() =>
      moderationDefinition({ tableName, decisionTimeoutSeconds: options.moderation?.decisionTimeoutSeconds }),
    ),
  ]).catch(async (error: unknown) => {
    // Whatever failed, no DynamoDB Local may outlive a twin that did not start.
    await dynamoStart.then((d) => d?.stop()).catch(() => undefined);
    throw error;
  });
  const dynamodbEndpoint = (): string => options.dynamodbEndpoint ?? (dynamo as SupervisedDynamoDBLocal).endpoint;
  const client = createLocalDynamoDBClient(options.dynamodbEndpoint ?? dynamodbEndpoint);
  // Set once created, so a start-up step that fails after them does not leave them open.
  let server: ReturnType<typeof createOnePortServer> | undefined;
  let realtime: ReturnType<typeof attachRealtime> | undefined;

  try {
    await ensureTable(client, tableName);
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
          dynamodb: { client, tableName, nextTokenKey: loadNextTokenKey(dataDir) },
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
    server = createOnePortServer(handler, tls, serverLimits);
    realtime = attachRealtime(server.upgrades, {
      backend: createRealtimeBackend({ schema, api, pool }),
      hub,
      path: DEFAULT_REALTIME_PATH,
      logger: log.child({ part: 'realtime' }),
    });
    const boundPort = await server.listen(port, host);
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

    const [openServer, openRealtime] = [server, realtime]; // narrowed, for the closure
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
    log.info({ url, readyMs, dynamodbEndpoint: dynamodbEndpoint(), dataDir }, 'twin ready');
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
      stepFunctions,
      stop,
    };
  } catch (error) {
    await realtime?.close();
    if (server?.netServer.listening) await server.close();
    client.destroy();
    await dynamo?.stop();
    throw error;
  }
}
