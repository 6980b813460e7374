import type { Twin } from '../../../local/twin';
import type { TwinProcessInfo } from './twin-process';

/** The JSON line a twin child process prints once it listens (twin-process.ts, bench/overload-probe.ts). */
export function twinProcessInfo(twin: Twin): TwinProcessInfo {
  return {
    pid: process.pid,
    graphqlUrl: twin.graphqlUrl,
    realtimeUrl: twin.realtimeUrl,
    cognitoEndpoint: twin.cognitoEndpoint,
    clientId: twin.clientId,
    userPoolId: twin.userPoolId,
    region: twin.region,
    caCert: twin.caCert,
    dynamodbEndpoint: twin.dynamodbEndpoint,
    tableName: twin.tableName,
    accessKey: twin.accessKey,
  };
}
